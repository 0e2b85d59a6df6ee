package dev.orderstream.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a shipment is, as carriers report it in their scans. On the wire in lower case
 * ({@code in_transit}), the way carrier aggregators name them.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A shipment's state from the carrier's scans")
public enum ShipmentStatus {
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERY_ATTEMPTED,
    EXCEPTION,
    DELIVERED,
    RETURNED_TO_SENDER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
