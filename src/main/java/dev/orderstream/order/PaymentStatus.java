package dev.orderstream.order;

/** Derived from the order's payment records, never set by hand (see {@link Order#paymentStatus()}). */
public enum PaymentStatus {
    PENDING, AUTHORIZED, PAID, PARTIALLY_REFUNDED, REFUNDED, VOIDED;

    static PaymentStatus derive(long authorized, long captured, long voided, long refunded) {
        if (captured > 0) {
            if (refunded >= captured) {
                return REFUNDED;
            }
            return refunded > 0 ? PARTIALLY_REFUNDED : PAID;
        }
        if (authorized > 0) {
            return voided >= authorized ? VOIDED : AUTHORIZED;
        }
        return PENDING;
    }
}
