package dev.orderstream.order;

/** A payment record's kind; the first three come from the payments endpoint, refunds from their own. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A payment record's kind")
public enum PaymentKind {
    AUTHORIZATION, CAPTURE, VOID, REFUND
}
