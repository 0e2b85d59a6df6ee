package dev.orderstream.order;

import dev.orderstream.common.NotFoundException;

public class FulfillmentNotFoundException extends NotFoundException {

    public FulfillmentNotFoundException(Object id) {
        super("Fulfillment", id);
    }
}
