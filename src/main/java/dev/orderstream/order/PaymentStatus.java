package dev.orderstream.order;

/** Derived from the order's payment records, never set by hand (see {@link Payments.Totals#status()}). */
public enum PaymentStatus {
    PENDING, AUTHORIZED, PAID, PARTIALLY_REFUNDED, REFUNDED, VOIDED
}
