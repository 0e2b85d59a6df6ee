package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;

import java.util.List;

/** What a transition asks of the stock; the service carries it out in the same transaction. */
public record StockEffect(Kind kind, List<SkuQuantity> lines) {

    public enum Kind {
        /** Placement: keep units aside for this order. */
        HOLD,
        /** Cancellation or expiry: give held units back to sale. */
        RELEASE,
        /** Fulfillment: held units leave the warehouse. */
        SHIP,
        /** A received return (or an imported order's units given back): units go back on the shelf. */
        RESTOCK,
        /** An order imported with the decrement policy: its units leave the shelf at once, never below what others hold. */
        TAKE
    }
}
