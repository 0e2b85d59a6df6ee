package dev.orderstream.order.api;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.ShipmentStatus;

import java.time.Instant;
import java.util.List;

/**
 * What anyone holding an order's tracking token may see: its status, items and shipments. Nothing
 * personal: no customer id, email, address or payment, and no order id.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An order as its public tracking page shows it: status, items, shipments, nothing personal")
public record TrackingResponse(long number, OrderStatus status, List<Item> items, List<Shipment> fulfillments,
                               Instant placedAt, Instant updatedAt) {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A line of the order as the tracking page shows it")
    public record Item(String sku, String name, int quantity, int shippedQuantity, int returnedQuantity) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A shipment as the tracking page shows it: carrier, tracking link, estimate, scans")
    public record Shipment(String carrier, String trackingNumber, String trackingUrl,
                           List<SkuQuantity> lines, Instant shippedAt, Instant deliveredAt,
                           ShipmentStatus shipmentStatus, Instant estimatedDeliveryAt,
                           Instant firstEstimatedDeliveryAt) {
    }
}
