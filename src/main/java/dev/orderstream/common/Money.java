package dev.orderstream.common;

import java.util.Objects;

/** An amount in minor units (cents) of one ISO 4217 currency. Never a floating point number. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An amount in minor units (cents) of an ISO 4217 currency; never a floating point number", requiredProperties = {"amount", "currency"})
public record Money(long amount, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!isCurrencyCode(currency)) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
        }
    }

    /** Three capital letters; checked by hand, since String.matches compiles a pattern per call (hot: every line of every order). */
    private static boolean isCurrencyCode(String code) {
        return code.length() == 3 && isCapital(code.charAt(0)) && isCapital(code.charAt(1)) && isCapital(code.charAt(2));
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(amount, quantity), currency);
    }

    public boolean isGreaterThan(Money other) {
        requireSameCurrency(other);
        return amount > other.amount;
    }

    public boolean greaterThanZero() {
        return amount > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }
}
