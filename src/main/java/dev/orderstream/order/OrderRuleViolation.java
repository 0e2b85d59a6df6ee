package dev.orderstream.order;

import dev.orderstream.common.problem.UnprocessableProblem;

/** 422: the request is well formed but breaks a rule of the order (amount, quantity, unknown line). */
public class OrderRuleViolation extends UnprocessableProblem {

    public OrderRuleViolation(String type, String detail) {
        super(type, "Order rule violated", detail);
    }
}
