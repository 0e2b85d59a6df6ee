package dev.orderstream.order;

import java.time.Instant;
import java.util.UUID;

/**
 * One scan a carrier (or a shipping tool on its behalf) reported for a shipment: stored once per
 * {@code (source, externalEventId)}, shown in {@code happenedAt} order.
 */
public record TrackingScan(UUID id, UUID fulfillmentId, ShipmentStatus status, String subStatus, Instant happenedAt,
                           Location location, String message, Instant estimatedDeliveryAt, String source,
                           String externalEventId, Instant receivedAt) {

    /** Where the scan happened; every part optional. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ScanLocation", description = "Where a carrier scan happened; every part optional")
    public record Location(String city, String region, String country) {
    }
}
