package dev.orderstream.order;

import dev.orderstream.common.problem.NotFoundProblem;

public class OrderNotFoundException extends NotFoundProblem {

    public OrderNotFoundException(Object id) {
        super("Order", id);
    }
}
