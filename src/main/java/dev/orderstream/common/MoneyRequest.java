package dev.orderstream.common;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/** Money as a client sends it: validated field by field before it becomes a {@link Money}. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An amount in minor units (a whole number) and an ISO 4217 currency")
public record MoneyRequest(
        @NotNull @PositiveOrZero @Max(1_000_000_000_000L) Long amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    public Money toMoney() {
        return new Money(amount, currency);
    }
}
