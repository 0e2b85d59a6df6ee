package dev.orderstream.catalog;

import dev.orderstream.common.DomainException;

/**
 * A lifecycle change found less stock held (or on hand) than the order itself holds: another change
 * got there first, or the two disagree. A conflict to answer (409, with nothing written: the
 * transaction rolls back), never a failure of the server.
 */
public class StockMismatchException extends DomainException {

    public StockMismatchException(String what, SkuQuantity line) {
        super(Kind.CONFLICT, "stock-changed", "Stock changed meanwhile",
                "Could not " + what + " " + line.quantity() + " of " + line.sku()
                        + ": the stock changed at the same time; read the order again and retry");
    }
}
