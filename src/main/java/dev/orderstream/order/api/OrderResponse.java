package dev.orderstream.order.api;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.Money;
import dev.orderstream.order.CancellationReason;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentKind;
import dev.orderstream.order.PaymentStatus;
import dev.orderstream.order.ShipmentStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as clients read it. Field names are part of the contract. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An order with its lines, shipments, returns and payments; version is what ETag and If-Match carry", requiredProperties = {"id", "number", "customerId", "email", "channel", "tags", "status", "paymentStatus", "shippingAddress", "lines", "total", "paid", "trackingToken", "fulfillments", "returns", "payments", "version", "createdAt", "updatedAt"})
public record OrderResponse(
        UUID id,
        long number,
        String customerId,
        String email,
        String channel,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The order's id in the sales channel it was imported from (POST /orders/imports); absent for an order placed here")
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String externalOrderId,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Staff's labels, lower case, sorted (POST /orders/{id}/tags; GET /orders?tag=)")
        List<String> tags,
        OrderStatus status,
        PaymentStatus paymentStatus,
        Address shippingAddress,
        List<Line> lines,
        Money total,
        PaymentTotals paid,
        Instant reservedUntil,
        String trackingToken,
        List<FulfillmentResponse> fulfillments,
        List<ReturnResponse> returns,
        List<PaymentResponse> payments,
        Cancellation cancellation,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The customer's rating after delivery; absent until given")
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Feedback feedback,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The customer's language (BCP 47); absent: the store's default")
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String language,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The expired order this one recovered (POST /orders/{id}/recovery)")
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        java.util.UUID recoveredFrom,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The order placed to recover this expired one")
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        java.util.UUID recoveredBy,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The shipping address as stored: country upper case, postal code as the post writes it, phone in E.164", requiredProperties = {"name", "line1", "city", "country"})
    public record Address(String name, String line1, String line2, String city, String postalCode, String country,
                          String phone) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An order line: its price from the catalog at placement, and how much of it shipped and came back", requiredProperties = {"sku", "name", "quantity", "unitPrice", "lineTotal", "shippedQuantity", "returnedQuantity"})
    public record Line(String sku, String name, int quantity, Money unitPrice, Money lineTotal, int shippedQuantity,
                       int returnedQuantity) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The order's payment records summed by kind", requiredProperties = {"authorized", "captured", "voided", "refunded"})
    public record PaymentTotals(Money authorized, Money captured, Money voided, Money refunded) {
    }

    /**
     * One shipment. {@code shipmentStatus} is the carrier's status of its newest scan (null before any);
     * {@code estimatedDeliveryAt} the newest estimate, {@code firstEstimatedDeliveryAt} the first given.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A shipment of the order: its lines, carrier, tracking number and delivery state")
    public record FulfillmentResponse(UUID id, String carrier, String trackingNumber, String trackingUrl,
                                      List<SkuQuantity> lines, Instant createdAt, Instant deliveredAt,
                                      ShipmentStatus shipmentStatus, Instant estimatedDeliveryAt,
                                      Instant firstEstimatedDeliveryAt) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A return of the order: its lines, state and whether it was restocked")
    public record ReturnResponse(UUID id, String status, String reason, boolean restocked, List<SkuQuantity> lines,
                                 Instant createdAt, Instant receivedAt) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A payment record: kind, amount, provider and reference")
    public record PaymentResponse(UUID id, PaymentKind kind, Money amount, String provider, String reference,
                                  String reason, UUID returnId, Instant createdAt) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Why and when the order was cancelled")
    public record Cancellation(CancellationReason reason, String note) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The customer's rating (1-5) and comment, given once after delivery")
    public record Feedback(int rating, String comment, Instant givenAt) {
    }
}
