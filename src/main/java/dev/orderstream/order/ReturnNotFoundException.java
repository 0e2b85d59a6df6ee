package dev.orderstream.order;

import dev.orderstream.common.problem.NotFoundProblem;

public class ReturnNotFoundException extends NotFoundProblem {

    public ReturnNotFoundException(Object id) {
        super("Return", id);
    }
}
