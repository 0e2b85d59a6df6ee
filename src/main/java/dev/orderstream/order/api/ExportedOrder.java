package dev.orderstream.order.api;

import dev.orderstream.common.Money;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as exportOrders writes it: one JSON object per line of JSON Lines, or a CSV row per order line. */
@RegisterForReflection // written by the export's own ObjectMapper call
@Schema(description = "An order as exportOrders writes it in JSON Lines (one object per line)",
        requiredProperties = {"id", "number", "createdAt", "status", "paymentStatus", "channel", "customerId", "email",
                "shippingAddress", "lines", "total"})
public record ExportedOrder(UUID id, long number, Instant createdAt, OrderStatus status, PaymentStatus paymentStatus,
                            String channel,
                            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The order's id in the channel it was imported from")
                            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                            String externalOrderId, List<String> tags, String customerId, String email, OrderResponse.Address shippingAddress,
                            List<OrderResponse.Line> lines, Money total) {
}
