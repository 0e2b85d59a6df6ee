package dev.orderstream.order;

import dev.orderstream.common.DomainException;

/** The request is well formed but breaks a rule of the order (amount, quantity, unknown line). */
public class OrderRuleViolation extends DomainException {

    public OrderRuleViolation(String type, String detail) {
        this(type, "Order rule violated", detail);
    }

    public OrderRuleViolation(String type, String title, String detail) {
        super(Kind.RULE_VIOLATED, type, title, detail);
    }
}
