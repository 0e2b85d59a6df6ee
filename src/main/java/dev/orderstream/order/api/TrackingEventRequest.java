package dev.orderstream.order.api;

import dev.orderstream.order.OrderCommand;
import dev.orderstream.order.ShipmentStatus;
import dev.orderstream.order.TrackingScan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * Body of {@code POST /orders/{id}/fulfillments/{fid}/tracking-events}: one carrier scan, named by
 * its {@code source} (the carrier or aggregator) and that source's own event id.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of recordTrackingEvent: one carrier scan (a repeat of the same scan changes nothing)")
public record TrackingEventRequest(
        @NotNull ShipmentStatus status,
        @Size(max = 100) String subStatus,
        @NotNull Instant happenedAt,
        @Valid Location location,
        @Size(max = 1000) String message,
        Instant estimatedDeliveryAt,
        @NotBlank @Size(max = 100) String source,
        @NotBlank @Size(max = 200) String externalEventId) {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Where a carrier scan happened")
    public record Location(@Size(max = 100) String city, @Size(max = 100) String region,
                           @Size(max = 100) String country) {
    }

    public OrderCommand.RecordScan toCommand(UUID fulfillmentId) {
        TrackingScan.Location where = location == null
                || (location.city() == null && location.region() == null && location.country() == null)
                ? null : new TrackingScan.Location(location.city(), location.region(), location.country());
        return new OrderCommand.RecordScan(fulfillmentId, status, subStatus, happenedAt, where, message,
                estimatedDeliveryAt, source, externalEventId);
    }
}
