package dev.orderstream.order;

import dev.orderstream.common.problem.NotFoundProblem;

public class FulfillmentNotFoundException extends NotFoundProblem {

    public FulfillmentNotFoundException(Object id) {
        super("Fulfillment", id);
    }
}
