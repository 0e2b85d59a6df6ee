package dev.orderstream.order.api;

import dev.orderstream.order.ShipmentStatus;
import dev.orderstream.order.TrackingScan;

import java.time.Instant;
import java.util.UUID;

/** One carrier scan as stored. Field names are part of the contract. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A carrier scan as recorded")
public record TrackingEventResponse(UUID id, UUID fulfillmentId, ShipmentStatus status, String subStatus,
                                    Instant happenedAt, TrackingScan.Location location, String message,
                                    Instant estimatedDeliveryAt, String source, String externalEventId,
                                    Instant receivedAt) {

    public static TrackingEventResponse of(TrackingScan scan) {
        return new TrackingEventResponse(scan.id(), scan.fulfillmentId(), scan.status(), scan.subStatus(),
                scan.happenedAt(), scan.location(), scan.message(), scan.estimatedDeliveryAt(), scan.source(),
                scan.externalEventId(), scan.receivedAt());
    }
}
