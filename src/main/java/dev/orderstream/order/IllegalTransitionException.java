package dev.orderstream.order;

import dev.orderstream.common.problem.ConflictProblem;

import java.util.Map;

/** 409: the order's current status does not allow what was asked. */
public class IllegalTransitionException extends ConflictProblem {

    private final OrderStatus current;

    public IllegalTransitionException(OrderStatus current, String attempted) {
        super("illegal-transition", "Not allowed in the order's current status",
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
