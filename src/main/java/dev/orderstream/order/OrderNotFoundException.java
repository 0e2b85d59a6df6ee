package dev.orderstream.order;

import dev.orderstream.common.NotFoundException;

public class OrderNotFoundException extends NotFoundException {

    public OrderNotFoundException(Object id) {
        super("Order", id);
    }
}
