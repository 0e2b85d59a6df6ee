package dev.orderstream.catalog;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Holds, releases, ships and restocks units; the SQL is {@link ProductRepository}'s. Reservation is
 * optimistic: a batch of placements reads what is available without a lock, decides, and holds with
 * updates that carry the condition ({@code on_hand - reserved >= quantity}); a missed hold means the
 * stock changed meanwhile, and the batch runs again (then with the rows locked in SKU order, so it
 * cannot miss twice). Rows are always touched in SKU order so that concurrent multi-line orders
 * cannot deadlock. Every change that puts units back on sale clears the SKU's sold-out hint.
 *
 * <p>Every method joins the caller's transaction: the Hibernate session's for the lifecycle verbs, or
 * the given connection's for group-committed placement ({@link #readForPlacement}, {@link #holdAll}).
 */
@ApplicationScoped
public class StockService {

    private final ProductRepository products;
    private final Clock clock;
    private final SoldOutHints hints;

    public StockService(ProductRepository products, Clock clock, SoldOutHints hints) {
        this.products = products;
        this.clock = clock;
        this.hints = hints;
    }

    // ---------------------------------------------------------------- group-committed placement

    /**
     * Prices and availability of {@code skus} for one batch. Optimistic by default (a plain read: the
     * holds' conditions judge); {@code lock} takes the rows in SKU order first, which a batch whose
     * optimistic holds missed uses on its retry so that it cannot miss again.
     */
    public Uni<Map<String, StockedProduct>> readForPlacement(SqlConnection connection, List<String> skus, boolean lock) {
        return products.readForPlacement(connection, skus, lock);
    }

    /**
     * Holds the summed units of a batch's accepted orders, one conditional update per SKU, in SKU
     * order (so batches and lifecycle changes never deadlock). True when every update took its units;
     * false when one found less available than the batch read (a concurrent change): the caller
     * rolls back and runs the batch again.
     */
    public Uni<Boolean> holdAll(SqlConnection connection, List<SkuQuantity> holds, Instant now) {
        if (holds.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return products.holdAll(connection, holds.stream().sorted().toList(), now);
    }

    /** Remembers the SKUs a batch found with nothing left (see {@link SoldOutHints}). */
    public void noteShortages(List<Shortage> shortages) {
        shortages.stream().filter(shortage -> shortage.available() <= 0)
                .forEach(shortage -> hints.soldOut(shortage.sku()));
    }

    // ---------------------------------------------------------------- lifecycle changes

    /** Gives held units back to sale (cancellation, expiry). */
    public Uni<Void> release(List<SkuQuantity> lines) {
        lines.forEach(line -> hints.restocked(line.sku()));
        return requireEach(lines, products::release, "release");
    }

    /**
     * Gives back, in one pass at the end of a transaction that changed several orders (an expiry
     * sweep's batch), the units they all held: summed per SKU, the rows locked in SKU order, one
     * update. The batch's product rows are then held only from here to its commit, not while it loads,
     * expires and writes its orders, and are taken in the order a placement batch takes them, so the
     * two never deadlock. Fails, rolling the batch back, when a SKU holds fewer
     * units than its orders give back.
     */
    public Uni<Void> releaseTogether(List<SkuQuantity> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SkuQuantity> summed = lines.stream()
                .collect(Collectors.groupingBy(SkuQuantity::sku, TreeMap::new, Collectors.summingInt(SkuQuantity::quantity)))
                .entrySet().stream().map(sku -> new SkuQuantity(sku.getKey(), sku.getValue())).toList();
        summed.forEach(line -> hints.restocked(line.sku()));
        return products.releaseAll(summed, clock.instant()).invoke(changed -> {
            if (changed.size() != summed.size()) {
                Set<String> released = Set.copyOf(changed);
                // as in requireEach: the database and the orders disagree; refuse and roll back rather than drift
                throw new StockMismatchException("release", summed.stream()
                        .filter(line -> !released.contains(line.sku())).findFirst().orElseThrow());
            }
        }).replaceWithVoid();
    }

    /** Turns held units into shipped ones: they leave both the shelf and the hold. */
    public Uni<Void> ship(List<SkuQuantity> lines) {
        return requireEach(lines, products::ship, "ship");
    }

    /** Puts returned units back on the shelf. */
    public Uni<Void> restock(List<SkuQuantity> lines) {
        lines.forEach(line -> hints.restocked(line.sku()));
        return requireEach(lines, products::restock, "restock");
    }

    /**
     * Locks the rows of an imported order's SKUs (in SKU order, until the transaction ends) and
     * answers their names, prices and availability: what {@link #hold} and {@link #take} then use.
     */
    public Uni<Map<String, StockedProduct>> lockForImport(List<String> skus) {
        return products.lockForImport(skus.stream().distinct().sorted().toList());
    }

    /** Holds an imported order's units (import policy {@code hold}); each line must be available. */
    public Uni<Void> hold(List<SkuQuantity> lines) {
        return requireEach(lines, products::hold, "hold");
    }

    /** Takes an imported order's units off the shelf (policy {@code decrement}), never those held for others. */
    public Uni<Void> take(List<SkuQuantity> lines) {
        return requireEach(lines, products::take, "take");
    }

    /**
     * Changes the units on hand by {@code delta} and records why; never below what is held for open
     * orders. Fails for an unknown SKU and when the result would drop below {@code reserved}.
     */
    public Uni<Void> adjust(String sku, int delta, StockAdjustmentReason reason, String note) {
        Instant now = clock.instant();
        if (delta > 0) {
            hints.restocked(sku);
        }
        return products.adjustOnHand(sku, delta, now)
                .chain(updated -> updated == 1 ? Uni.createFrom().voidItem() : explainRefusedAdjustment(sku, delta))
                .chain(() -> products.recordAdjustment(sku, delta, reason, note, now));
    }

    private Uni<Void> explainRefusedAdjustment(String sku, int delta) {
        return products.stockOf(sku).map(stock -> {
            int[] figures = stock.orElseThrow(() -> new ProductNotFoundException(sku));
            throw new StockBelowReservedException(sku, delta, figures[0], figures[1]);
        });
    }

    /** One conditional update per line, in SKU order; each must change its row. */
    private Uni<Void> requireEach(List<SkuQuantity> lines, BiFunction<SkuQuantity, Instant, Uni<Integer>> update,
                                  String what) {
        Instant now = clock.instant();
        return Multi.createFrom().iterable(lines.stream().sorted().toList())
                .onItem().transformToUniAndConcatenate(line -> update.apply(line, now).invoke(updated -> {
                    if (updated != 1) {
                        // The database and the orders disagree (a racing change): refuse and roll back rather than drift.
                        throw new StockMismatchException(what, line);
                    }
                }))
                .collect().last()
                .replaceWithVoid();
    }
}
