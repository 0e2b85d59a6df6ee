package dev.orderstream.order.api;

import dev.orderstream.order.OrderCommand;
import dev.orderstream.common.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Body of {@code POST /orders/{id}/refunds}: ad hoc (goodwill, shipping) or for a return. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of refundPayment: an amount of what was captured, optionally for a return")
public record RefundRequest(
        @NotNull @Valid MoneyRequest amount,
        @Size(max = 500) String reason,
        UUID returnId) {

    public OrderCommand.Refund toCommand() {
        return new OrderCommand.Refund(amount.toMoney(), reason, returnId);
    }
}
