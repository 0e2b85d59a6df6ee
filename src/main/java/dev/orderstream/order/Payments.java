package dev.orderstream.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The money side of an order: its payment records (authorizations, captures, voids, refunds), what
 * they add up to, and the payment status derived from them. The aggregate holds its records here and
 * asks this value every money question, so each rule (what may still be captured, voided, refunded)
 * is written once.
 */
public final class Payments {

    /**
     * What the records of each kind add up to, in the order's minor units; {@code authorizedFree}: an
     * authorization of nothing was recorded (a free order's, which confirms it with nothing to capture).
     */
    public record Totals(long authorized, long captured, long voided, long refunded, boolean authorizedFree) {

        public static final Totals NONE = new Totals(0, 0, 0, 0);

        public Totals(long authorized, long captured, long voided, long refunded) {
            this(authorized, captured, voided, refunded, false);
        }

        /** Sums any shape of payment record (entities, or rows read straight from the database). */
        public static <T> Totals of(Collection<T> records, Function<T, PaymentKind> kindOf, ToLongFunction<T> amountOf) {
            long authorized = 0, captured = 0, voided = 0, refunded = 0;
            boolean authorizedFree = false;
            for (T record : records) {
                long amount = amountOf.applyAsLong(record);
                switch (kindOf.apply(record)) {
                    case AUTHORIZATION -> {
                        authorized += amount;
                        authorizedFree |= amount == 0;
                    }
                    case CAPTURE -> captured += amount;
                    case VOID -> voided += amount;
                    case REFUND -> refunded += amount;
                }
            }
            return new Totals(authorized, captured, voided, refunded, authorizedFree && authorized == 0);
        }

        /** Authorized, and neither captured nor voided: what a capture may take or a void must release. */
        public long uncaptured() {
            return authorized - captured - voided;
        }

        /** Captured and not refunded yet: the most a refund may give back. */
        public long refundable() {
            return captured - refunded;
        }

        /** Derived, never set by hand. */
        public PaymentStatus status() {
            if (captured > 0) {
                if (refunded >= captured) {
                    return PaymentStatus.REFUNDED;
                }
                return refunded > 0 ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.PAID;
            }
            if (authorized > 0) {
                return voided >= authorized ? PaymentStatus.VOIDED : PaymentStatus.AUTHORIZED;
            }
            // a free order: its authorization of nothing is all the payment there is
            return authorizedFree ? PaymentStatus.PAID : PaymentStatus.PENDING;
        }
    }

    private final Order order;
    private final List<Payment> records;

    /** A view over the aggregate's own list: records added here are the order's. */
    Payments(Order order, List<Payment> records) {
        this.order = order;
        this.records = records;
    }

    public Totals totals() {
        return Totals.of(records, Payment::kind, Payment::amount);
    }

    public List<Payment> records() {
        return List.copyOf(records);
    }

    /** The same provider message delivered again (a webhook retry): same kind, provider and reference. */
    boolean isRepeat(PaymentKind kind, String provider, String reference) {
        return repeatOf(kind, provider, reference).isPresent();
    }

    /** The payment recorded before with this kind, provider and reference, if any. */
    java.util.Optional<Payment> repeatOf(PaymentKind kind, String provider, String reference) {
        return records.stream().filter(p -> p.isRepeatOf(kind, provider, reference)).findFirst();
    }

    /** Who took the money: refunds and voids the order makes on its own go back through the same provider. */
    String providerOfAuthorization() {
        return records.stream()
                .filter(p -> p.kind() == PaymentKind.AUTHORIZATION)
                .map(Payment::provider)
                .findFirst()
                .orElse(null);
    }

    Payment record(PaymentKind kind, long amount, String provider, String reference, String reason, UUID returnId,
                   Instant now) {
        Payment payment = new Payment(order, kind, amount, provider, reference, reason, returnId, now);
        records.add(payment);
        return payment;
    }
}
