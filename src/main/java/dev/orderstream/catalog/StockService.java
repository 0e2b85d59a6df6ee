package dev.orderstream.catalog;

import dev.orderstream.common.problem.ConflictProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds, releases, ships and restocks units with conditional single-row updates. Reservation is
 * optimistic: no lock is held between a read and a decision; the update itself carries the condition
 * ({@code on_hand - reserved >= quantity}) and a zero row count means "short". Lines are always
 * touched in SKU order so that concurrent multi-line orders cannot deadlock.
 *
 * <p>Every method joins the caller's transaction.
 */
@ApplicationScoped
public class StockService {

    private final Clock clock;
    private final SoldOutHints hints;

    public StockService(Clock clock, SoldOutHints hints) {
        this.clock = clock;
        this.hints = hints;
    }

    /** Holds every line or none: on any shortage it fails with all short lines, and the caller's transaction rolls back. */
    public Uni<Void> hold(List<SkuQuantity> lines) {
        Instant now = clock.instant();
        return inSkuOrder(lines, line -> update("""
                        UPDATE products SET reserved = reserved + :quantity, version = version + 1, updated_at = :now
                        WHERE sku = :sku AND on_hand - reserved >= :quantity""", line, now)
                        .map(updated -> updated == 1 ? Optional.<SkuQuantity>empty() : Optional.of(line)))
                .map(results -> results.stream().flatMap(Optional::stream).toList())
                .chain(shortLines -> shortLines.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : shortagesOf(shortLines).map(shortages -> {
                            shortages.stream().filter(shortage -> shortage.available() <= 0)
                                    .forEach(shortage -> hints.soldOut(shortage.sku()));
                            throw new InsufficientStockException(shortages);
                        }));
    }

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

    private Uni<List<Shortage>> shortagesOf(List<SkuQuantity> shortLines) {
        Map<String, Integer> requested = shortLines.stream()
                .collect(Collectors.toMap(SkuQuantity::sku, SkuQuantity::quantity));
        return Panache.getSession()
                .chain(session -> session.<Object[]>createNativeQuery(
                                "SELECT sku, on_hand - reserved FROM products WHERE sku IN (:skus) ORDER BY sku")
                        .setParameter("skus", List.copyOf(requested.keySet()))
                        .getResultList())
                .map(rows -> {
                    List<Shortage> shortages = new ArrayList<>();
                    for (Object[] row : rows) {
                        String sku = (String) row[0];
                        shortages.add(new Shortage(sku, requested.get(sku), ((Number) row[1]).intValue()));
                    }
                    return shortages;
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
