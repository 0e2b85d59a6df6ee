package dev.orderstream.order;

/** Derived from the order's payment records, never set by hand (see {@link Payments.Totals#status()}). */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The order's payment state, derived from its payment records")
public enum PaymentStatus {
    PENDING, AUTHORIZED, PAID, PARTIALLY_REFUNDED, REFUNDED, VOIDED
}
