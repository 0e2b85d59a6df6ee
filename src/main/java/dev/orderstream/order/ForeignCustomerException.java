package dev.orderstream.order;

import dev.orderstream.common.DomainException;

/** A customer asked to act as another customer (placing an order under another customer id). */
public class ForeignCustomerException extends DomainException {

    public ForeignCustomerException(String detail) {
        super(Kind.FORBIDDEN, "forbidden", "Forbidden", detail);
    }
}
