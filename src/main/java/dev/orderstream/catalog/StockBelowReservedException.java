package dev.orderstream.catalog;

import dev.orderstream.common.DomainException;

/** A stock adjustment would leave fewer units on hand than are held for open orders. */
public class StockBelowReservedException extends DomainException {

    public StockBelowReservedException(String sku, int delta, int onHand, int reserved) {
        super(Kind.CONFLICT, "stock-below-reserved", "Stock would drop below what is held",
                "Adjusting " + sku + " by " + delta + " would leave " + (onHand + delta)
                        + " on hand, but " + reserved + " are held for open orders");
    }
}
