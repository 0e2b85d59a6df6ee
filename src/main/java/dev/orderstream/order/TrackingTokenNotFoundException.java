package dev.orderstream.order;

import dev.orderstream.common.NotFoundException;

/** No order has this tracking token; the answer never repeats the token. */
public class TrackingTokenNotFoundException extends NotFoundException {

    public TrackingTokenNotFoundException() {
        super("Tracking token", "given");
    }
}
