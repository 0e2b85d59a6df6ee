package dev.orderstream.order;

/** A payment record's kind; the first three come from the payments endpoint, refunds from their own. */
public enum PaymentKind {
    AUTHORIZATION, CAPTURE, VOID, REFUND
}
