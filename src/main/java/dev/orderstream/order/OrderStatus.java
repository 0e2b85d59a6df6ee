package dev.orderstream.order;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a customer sees, and the one transition table of the order state machine: every status names
 * the statuses that may follow it. Status only moves forward along these edges.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Where the order is in its lifecycle (it only moves forward)")
public enum OrderStatus {
    PENDING_PAYMENT,
    CONFIRMED,
    PARTIALLY_FULFILLED,
    FULFILLED,
    DELIVERED,
    PARTIALLY_RETURNED,
    RETURNED,
    CANCELLED,
    EXPIRED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = new EnumMap<>(OrderStatus.class);

    static {
        NEXT.put(PENDING_PAYMENT, EnumSet.of(CONFIRMED, CANCELLED, EXPIRED));
        NEXT.put(CONFIRMED, EnumSet.of(PARTIALLY_FULFILLED, FULFILLED, CANCELLED));
        NEXT.put(PARTIALLY_FULFILLED, EnumSet.of(FULFILLED));
        NEXT.put(FULFILLED, EnumSet.of(DELIVERED, PARTIALLY_RETURNED, RETURNED));
        NEXT.put(DELIVERED, EnumSet.of(PARTIALLY_RETURNED, RETURNED));
        NEXT.put(PARTIALLY_RETURNED, EnumSet.of(RETURNED));
        NEXT.put(RETURNED, EnumSet.noneOf(OrderStatus.class));
        NEXT.put(CANCELLED, EnumSet.noneOf(OrderStatus.class));
        NEXT.put(EXPIRED, EnumSet.noneOf(OrderStatus.class));
    }

    public boolean canMoveTo(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Fails, naming this status, unless {@code next} may follow it. */
    public void requireNext(OrderStatus next) {
        requireNext(next, "move to " + next);
    }

    /**
     * How every verb asks the table: fails, naming this status and what was {@code attempted}, unless
     * {@code next} may follow it.
     */
    public void requireNext(OrderStatus next, String attempted) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, attempted);
        }
    }

    /** Cancelled and expired orders take no money and no shipments. */
    public boolean isClosed() {
        return this == CANCELLED || this == EXPIRED;
    }
}
