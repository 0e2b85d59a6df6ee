package dev.orderstream.order.api;

import dev.orderstream.common.Money;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order in a list: everything but fulfillments, returns and payments (read the order for those). */
@RegisterForReflection // returned inside the generic Page, which a native image does not look into
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An order as lists show it")
public record OrderSummaryResponse(
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
        List<OrderResponse.Line> lines,
        Money total,
        Instant reservedUntil,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The alert rules that flag the order now (GET /alert-rules)")
        List<String> attention) {
}
