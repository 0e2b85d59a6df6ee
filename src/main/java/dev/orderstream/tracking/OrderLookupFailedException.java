package dev.orderstream.tracking;

import dev.orderstream.common.DomainException;

/**
 * No order has this number with this email or postal code. One answer whichever part is wrong, so
 * the form tells nobody whether an order number exists.
 */
public class OrderLookupFailedException extends DomainException {

    public static final String DETAIL = "No order matches this order number and email or postal code";

    public OrderLookupFailedException() {
        super(Kind.NOT_FOUND, "order-lookup-failed", "Order not found", DETAIL);
    }
}
