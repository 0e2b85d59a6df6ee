package dev.orderstream.event.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One event on the wire: a history item, an SSE {@code data:} and a RabbitMQ body. The public
 * tracking stream shows the same shape without what a tracking page must not see ({@link #forTracking}).
 */
@RegisterForReflection // also serialized outside resources: by the SSE fan-out and the relay
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An order event as every consumer receives it: its id (the resume point), the order's sequence, its type, when, and the status after it")
public record EventResponse(
        long id,
        @Schema(description = "Absent on the public tracking stream and on a bulk job's events")
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID orderId,
        int sequence,
        @Schema(ref = "EventType") String type,
        Instant occurredAt,
        @Schema(ref = "OrderStatus", description = "Absent on a bulk job's events (bulk_job.*), which are of no order")
        @JsonInclude(JsonInclude.Include.NON_NULL) String status,
        @Schema(ref = "PaymentStatus", description = "Absent on the public tracking stream")
        @JsonInclude(JsonInclude.Include.NON_NULL) String paymentStatus,
        Map<String, Object> data) {

    public static EventResponse of(OrderEvent event) {
        return new EventResponse(event.id(), event.orderId(), event.sequence(), event.type(), event.occurredAt(),
                event.status(), event.paymentStatus(), event.data());
    }

    /**
     * What anyone holding the tracking token may see: what happened and the status after it, plus the
     * shipment details of shipment events and the text of public notes. No order id, customer, payment or address data.
     */
    public static EventResponse forTracking(OrderEvent event) {
        return new EventResponse(event.id(), null, event.sequence(), event.type(), event.occurredAt(), event.status(),
                null, EventType.hasPublicData(event.type()) ? event.data() : Map.of());
    }
}
