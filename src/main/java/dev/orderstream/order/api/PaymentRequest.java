package dev.orderstream.order.api;

import dev.orderstream.order.PaymentKind;
import dev.orderstream.order.OrderCommand;
import dev.orderstream.common.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /orders/{id}/payments}: a payment provider's result. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of recordPayment: a payment provider's result (a repeated reference changes nothing)")
public record PaymentRequest(
        @NotNull Kind kind,
        @NotNull @Valid MoneyRequest amount,
        @NotBlank @Size(max = 100) String provider,
        @Size(max = 200) String reference) {

    /** Refunds have their own endpoint. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "What a payment record is: an authorization, a capture or a void")
    public enum Kind {
        AUTHORIZATION, CAPTURE, VOID
    }

    public OrderCommand.RecordPayment toCommand() {
        PaymentKind payment = switch (kind) {
            case AUTHORIZATION -> PaymentKind.AUTHORIZATION;
            case CAPTURE -> PaymentKind.CAPTURE;
            case VOID -> PaymentKind.VOID;
        };
        return new OrderCommand.RecordPayment(payment, amount.toMoney(), provider, reference);
    }
}
