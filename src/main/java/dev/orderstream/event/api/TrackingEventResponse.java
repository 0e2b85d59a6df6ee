package dev.orderstream.event.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderstream.event.EventRow;

import java.time.Instant;
import java.util.Set;

/**
 * One event as the public tracking stream shows it: what happened and the status after it, plus the
 * shipment details of fulfillment and delivery events. No customer, payment or address data, and
 * no order id: the token is all a tracking page knows.
 */
@RegisterForReflection // serialized by SseFanout's ObjectMapper, not returned by a resource
public record TrackingEventResponse(long id, int sequence, String type, Instant occurredAt, String status,
                                    JsonNode data) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SHIPMENT_EVENTS = Set.of("order.fulfillment_created", "order.shipment_delivered");

    public static TrackingEventResponse of(EventRow event) {
        JsonNode data = JSON.createObjectNode();
        if (SHIPMENT_EVENTS.contains(event.type())) {
            data = EventResponse.of(event).data();
        }
        return new TrackingEventResponse(event.id(), event.sequence(), event.type(), event.occurredAt(), event.status(),
                data instanceof ObjectNode ? data : JSON.createObjectNode());
    }
}
