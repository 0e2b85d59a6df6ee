package dev.orderstream.order;

import dev.orderstream.common.NotFoundException;

public class ReturnNotFoundException extends NotFoundException {

    public ReturnNotFoundException(Object id) {
        super("Return", id);
    }
}
