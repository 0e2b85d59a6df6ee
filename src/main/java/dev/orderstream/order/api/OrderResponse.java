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
public record OrderResponse(
        UUID id,
        long number,
        String customerId,
        String email,
        String channel,
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

    public record Address(String name, String line1, String line2, String city, String postalCode, String country,
                          String phone) {
    }

    public record Line(String sku, String name, int quantity, Money unitPrice, Money lineTotal, int shippedQuantity,
                       int returnedQuantity) {
    }

    public record PaymentTotals(Money authorized, Money captured, Money voided, Money refunded) {
    }

    /**
     * One shipment. {@code shipmentStatus} is the carrier's status of its newest scan (null before any);
     * {@code estimatedDeliveryAt} the newest estimate, {@code firstEstimatedDeliveryAt} the first given.
     */
    public record FulfillmentResponse(UUID id, String carrier, String trackingNumber, String trackingUrl,
                                      List<SkuQuantity> lines, Instant createdAt, Instant deliveredAt,
                                      ShipmentStatus shipmentStatus, Instant estimatedDeliveryAt,
                                      Instant firstEstimatedDeliveryAt) {
    }

    public record ReturnResponse(UUID id, String status, String reason, boolean restocked, List<SkuQuantity> lines,
                                 Instant createdAt, Instant receivedAt) {
    }

    public record PaymentResponse(UUID id, PaymentKind kind, Money amount, String provider, String reference,
                                  String reason, UUID returnId, Instant createdAt) {
    }

    public record Cancellation(CancellationReason reason, String note) {
    }

    public record Feedback(int rating, String comment, Instant givenAt) {
    }
}
