package dev.orderstream.event.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.event.OrderEventRecord;

import java.time.Instant;
import java.util.UUID;

/** One event as history items, SSE {@code data:} and RabbitMQ bodies carry it. */
public record EventResponse(long id, UUID orderId, int sequence, String type, Instant occurredAt, String status,
                            String paymentStatus, JsonNode data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static EventResponse of(OrderEventRecord record) {
        return new EventResponse(record.id(), record.orderId(), record.sequence(), record.type(), record.occurredAt(),
                record.status(), record.paymentStatus(), parse(record.data()));
    }

    public static EventResponse of(dev.orderstream.event.EventRow row) {
        return new EventResponse(row.id(), row.orderId(), row.sequence(), row.type(), row.occurredAt(), row.status(),
                row.paymentStatus(), parse(row.data()));
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not JSON", e);
        }
    }
}
