package dev.orderstream.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Every kind of order event, in the past tense. The wire name ({@code order.placed}, …) is the
 * event's {@code type} in the history, the SSE {@code event:} field and the RabbitMQ routing key.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An order event's type (its wire name)")
public enum EventType {
    PLACED("order.placed"),
    PAYMENT_AUTHORIZED("order.payment_authorized"),
    CONFIRMED("order.confirmed"),
    PAYMENT_CAPTURED("order.payment_captured"),
    PAYMENT_VOIDED("order.payment_voided"),
    REFUNDED("order.refunded"),
    FULFILLMENT_CREATED("order.fulfillment_created", true),
    FULFILLED("order.fulfilled"),
    SHIPMENT_UPDATED("order.shipment_updated", true),
    DELIVERY_ESTIMATE_CHANGED("order.delivery_estimate_changed", true),
    SHIPMENT_EXCEPTION("order.shipment_exception", true),
    SHIPMENT_DELIVERED("order.shipment_delivered", true),
    DELIVERED("order.delivered"),
    CANCELLED("order.cancelled"),
    EXPIRED("order.expired"),
    RETURN_REQUESTED("order.return_requested"),
    RETURN_RECEIVED("order.return_received"),
    RETURNED("order.returned"),
    PUBLIC_NOTE_ADDED("order.public_note_added", true),
    FEEDBACK_RECEIVED("order.feedback_received"),
    /** An expired order's checkout was recovered: a new order was placed from it (data: recoveredBy, number). */
    RECOVERED("order.recovered"),
    /** An alert rule fired for the order (data: rule, reason): README "Orders that need attention". */
    ATTENTION_NEEDED("order.attention_needed"),
    /** The order moved on: an alert rule no longer holds (data: rule). */
    ATTENTION_CLEARED("order.attention_cleared"),
    /** Staff tagged or untagged the order (data: added, removed, tags). */
    TAGS_CHANGED("order.tags_changed"),
    /** A bulk job started (data: jobId, operation, dryRun, total, createdBy); of no order. */
    BULK_JOB_STARTED("bulk_job.started"),
    /** A bulk job ended (data: jobId, operation, dryRun, state, total, succeeded, failed, skipped, failure). */
    BULK_JOB_COMPLETED("bulk_job.completed");

    private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            BY_WIRE_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;
    private final boolean publicData;

    EventType(String wireName) {
        this(wireName, false);
    }

    EventType(String wireName, boolean publicData) {
        this.wireName = wireName;
        this.publicData = publicData;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the event's data is for the customer's eyes: a shipment's (carrier, tracking number,
     * scans, delivery) or a public note. The only data a public tracking stream shows.
     */
    public boolean hasPublicData() {
        return publicData;
    }

    /** Whether the event type with this wire name has public data; false for a name this version does not know. */
    public static boolean hasPublicData(String wireName) {
        EventType type = BY_WIRE_NAME.get(wireName);
        return type != null && type.publicData;
    }

    /** Whether some event type has this wire name. */
    public static boolean isWireName(String wireName) {
        return BY_WIRE_NAME.containsKey(wireName);
    }

    /** Every type's wire name, space-separated: what a page's script listens to (a stream names each event by its type). */
    public static String wireNames() {
        return String.join(" ", BY_WIRE_NAME.keySet());
    }

    /** The type with this wire name; fails for a name no event has. */
    public static EventType ofWireName(String wireName) {
        EventType type = BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new IllegalArgumentException("no event type " + wireName);
        }
        return type;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
