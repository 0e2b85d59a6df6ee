package dev.orderstream.order;

import dev.orderstream.common.DomainException;

import java.util.Map;

/** The order's current status does not allow what was asked. */
public class IllegalTransitionException extends DomainException {

    private final OrderStatus current;

    public IllegalTransitionException(OrderStatus current, String attempted) {
        super(Kind.CONFLICT, "illegal-transition", "Not allowed in the order's current status",
                "Cannot " + attempted + " while the order is " + current);
        this.current = current;
    }

    public OrderStatus current() {
        return current;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("currentStatus", current);
    }
}
