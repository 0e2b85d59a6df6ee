package dev.orderstream.catalog;

import dev.orderstream.common.problem.ConflictProblem;
import dev.orderstream.common.Money;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Holds, releases, ships and restocks units with conditional single-row updates. Reservation is
 * optimistic: a batch of placements reads what is available without a lock, decides, and holds with
 * updates that carry the condition ({@code on_hand - reserved >= quantity}); a zero row count means
 * the stock changed meanwhile, and the batch runs again (then with the rows locked in SKU order, so it
 * cannot miss twice). Rows are always touched in SKU order so that concurrent multi-line orders
 * cannot deadlock.
 *
 * <p>Every method joins the caller's transaction: the Hibernate session's for the lifecycle verbs, or
 * the given connection's for group-committed placement ({@link #readForPlacement}, {@link #holdAll}).
 */
@ApplicationScoped
public class StockService {

    private final Clock clock;
    private final SoldOutHints hints;

    public StockService(Clock clock, SoldOutHints hints) {
        this.clock = clock;
        this.hints = hints;
    }

    // ---------------------------------------------------------------- group-committed placement

    /** A product as a batch of placements reads it: its price and what is available now. */
    public record StockedProduct(String sku, String name, Money price, int available) {
    }

    private static final String READ_FOR_PLACEMENT = """
            SELECT sku, name, price_amount, price_currency, on_hand - reserved AS available
            FROM products WHERE sku = ANY($1::text[]) ORDER BY sku""";

    /**
     * Prices and availability of {@code skus} for one batch. Optimistic by default (a plain read: the
     * holds' conditions judge); {@code lock} takes the rows in SKU order first, which a batch whose
     * optimistic holds missed uses on its retry so that it cannot miss again.
     */
    public Uni<Map<String, StockedProduct>> readForPlacement(SqlConnection connection, List<String> skus, boolean lock) {
        return connection.preparedQuery(lock ? READ_FOR_PLACEMENT + " FOR NO KEY UPDATE" : READ_FOR_PLACEMENT)
                .execute(Tuple.tuple().addArrayOfString(skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StockedProduct> products = new HashMap<>();
                    for (Row row : rows) {
                        String sku = row.getString("sku");
                        products.put(sku, new StockedProduct(sku, row.getString("name"),
                                new Money(row.getLong("price_amount"), row.getString("price_currency")),
                                row.getInteger("available")));
                    }
                    return products;
                });
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
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Tuple> updates = holds.stream().sorted()
                .map(hold -> Tuple.of(hold.sku(), hold.quantity(), at))
                .toList();
        return connection.preparedQuery("""
                        UPDATE products SET reserved = reserved + $2, version = version + 1, updated_at = $3
                        WHERE sku = $1 AND on_hand - reserved >= $2""")
                .executeBatch(updates)
                .map(StockService::everyRowUpdated);
    }

    private static boolean everyRowUpdated(RowSet<Row> results) {
        for (RowSet<Row> result = results; result != null; result = result.next()) {
            if (result.rowCount() != 1) {
                return false;
            }
        }
        return true;
    }

    /** Remembers the SKUs a batch found with nothing left (see {@link SoldOutHints}). */
    public void noteShortages(List<Shortage> shortages) {
        shortages.stream().filter(shortage -> shortage.available() <= 0)
                .forEach(shortage -> hints.soldOut(shortage.sku()));
    }

    // ---------------------------------------------------------------- lifecycle changes

    /** Gives held units back to sale (cancellation, expiry). */
    public Uni<Void> release(List<SkuQuantity> lines) {
        Instant now = clock.instant();
        lines.forEach(line -> hints.restocked(line.sku()));
        return requireEach(lines, line -> update("""
                UPDATE products SET reserved = reserved - :quantity, version = version + 1, updated_at = :now
                WHERE sku = :sku AND reserved >= :quantity""", line, now), "release");
    }

    /** Turns held units into shipped ones: they leave both the shelf and the hold. */
    public Uni<Void> ship(List<SkuQuantity> lines) {
        Instant now = clock.instant();
        return requireEach(lines, line -> update("""
                UPDATE products SET on_hand = on_hand - :quantity, reserved = reserved - :quantity,
                                    version = version + 1, updated_at = :now
                WHERE sku = :sku AND reserved >= :quantity""", line, now), "ship");
    }

    /** Puts returned units back on the shelf. */
    public Uni<Void> restock(List<SkuQuantity> lines) {
        Instant now = clock.instant();
        lines.forEach(line -> hints.restocked(line.sku()));
        return requireEach(lines, line -> update("""
                UPDATE products SET on_hand = on_hand + :quantity, version = version + 1, updated_at = :now
                WHERE sku = :sku""", line, now), "restock");
    }

    /**
     * Changes the units on hand by {@code delta}; never below what is held for open orders.
     * Fails with 404 for an unknown SKU and 409 when the result would drop below {@code reserved}.
     */
    public Uni<Void> adjust(String sku, int delta, StockAdjustmentReason reason, String note) {
        Instant now = clock.instant();
        if (delta > 0) {
            hints.restocked(sku);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                UPDATE products SET on_hand = on_hand + :delta, version = version + 1, updated_at = :now
                                WHERE sku = :sku AND on_hand + :delta >= reserved""")
                        .setParameter("delta", delta)
                        .setParameter("now", now)
                        .setParameter("sku", sku)
                        .executeUpdate()
                        .chain(updated -> updated == 1
                                ? Uni.createFrom().item(updated)
                                : explainRefusedAdjustment(session, sku, delta))
                        .chain(() -> session.createNativeQuery("""
                                        INSERT INTO stock_adjustments (sku, delta, reason, note, created_at)
                                        VALUES (:sku, :delta, :reason, :note, :now)""")
                                .setParameter("sku", sku)
                                .setParameter("delta", delta)
                                .setParameter("reason", reason.name())
                                .setParameter("note", note)
                                .setParameter("now", now)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<Integer> explainRefusedAdjustment(org.hibernate.reactive.mutiny.Mutiny.Session session, String sku, int delta) {
        return session.<Object[]>createNativeQuery("SELECT on_hand, reserved FROM products WHERE sku = :sku")
                .setParameter("sku", sku)
                .getSingleResultOrNull()
                .map(row -> {
                    if (row == null) {
                        throw new ProductNotFoundException(sku);
                    }
                    int onHand = ((Number) row[0]).intValue();
                    int reserved = ((Number) row[1]).intValue();
                    throw new ConflictProblem("stock-below-reserved", "Stock would drop below what is held",
                            "Adjusting " + sku + " by " + delta + " would leave " + (onHand + delta)
                                    + " on hand, but " + reserved + " are held for open orders");
                });
    }

    private Uni<Void> requireEach(List<SkuQuantity> lines, Function<SkuQuantity, Uni<Integer>> statement, String what) {
        return inSkuOrder(lines, line -> statement.apply(line).map(updated -> {
            if (updated != 1) {
                // The database and the orders disagree: refuse and roll back rather than drift.
                throw new IllegalStateException("cannot " + what + " " + line.quantity() + " of " + line.sku());
            }
            return line;
        })).replaceWithVoid();
    }

    private static <T> Uni<List<T>> inSkuOrder(List<SkuQuantity> lines, Function<SkuQuantity, Uni<T>> step) {
        List<SkuQuantity> sorted = lines.stream().sorted().toList();
        return Multi.createFrom().iterable(sorted)
                .onItem().<T>transformToUniAndConcatenate(step::apply)
                .collect().asList();
    }

    private static Uni<Integer> update(String sql, SkuQuantity line, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql)
                        .setParameter("quantity", line.quantity())
                        .setParameter("sku", line.sku())
                        .setParameter("now", now)
                        .executeUpdate());
    }
}
