package dev.orderstream.order;

/**
 * How an order's units are kept in the catalog's stock. Every order placed here is {@link #HELD};
 * an order imported from another sales channel is kept as its import's stock policy says. The order
 * asks its mode what each stock effect of its verbs really does ({@link #effectOf}), so the verbs
 * stay the same for all three.
 */
public enum StockMode {
    /** Held at placement, shipped out of the hold, released when cancelled or expired (import policy {@code hold}). */
    HELD,
    /** Taken off the shelf when imported (a historical order, import policy {@code decrement}): shipping it takes nothing more, cancelling it puts its unshipped units back. */
    TAKEN,
    /** Never touches stock (import policy {@code ignore}). */
    UNTRACKED;

    /** What a verb's stock effect does to an order kept this way; null: nothing. */
    public StockEffect.Kind effectOf(StockEffect.Kind kind) {
        return switch (this) {
            case HELD -> kind;
            case TAKEN -> switch (kind) {
                case HOLD, TAKE -> StockEffect.Kind.TAKE;
                case SHIP -> null;
                case RELEASE, RESTOCK -> StockEffect.Kind.RESTOCK;
            };
            case UNTRACKED -> null;
        };
    }
}
