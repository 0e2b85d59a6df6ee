package dev.orderstream.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.orderstream.catalog.api.ProductResponse;
import dev.orderstream.common.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The products table (the catalog and its stock figures) and the stock adjustments log: the one class
 * that reads or writes them. Product writes and the lifecycle's stock changes run in the Hibernate
 * session, inside the caller's transaction; group-committed placement reads and holds stock on its
 * batch's connection ({@link #readForPlacement}, {@link #holdAll}); the storefront's product read is
 * one query on the Vert.x client ({@link #findResponse}). Every stock change is a conditional
 * single-row update that carries the invariant ({@code 0 <= reserved <= on_hand}) in its WHERE clause:
 * it changes one row or none, and the caller decides what none means.
 */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, String> {

    private final Pool pool;

    public ProductRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * A product as clients read it, in one query on the Vert.x client (no session): the storefront's
     * most frequent read. Null if there is none.
     */
    public Uni<ProductResponse> findResponse(String sku) {
        return pool.preparedQuery("""
                        SELECT sku, name, price_amount, price_currency, on_hand, reserved, version, updated_at
                        FROM products WHERE sku = $1""")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    int onHand = row.getInteger("on_hand");
                    int reserved = row.getInteger("reserved");
                    return new ProductResponse(row.getString("sku"), row.getString("name"),
                            new Money(row.getLong("price_amount"), row.getString("price_currency")), onHand, reserved,
                            Product.available(onHand, reserved), row.getLong("version"),
                            row.getOffsetDateTime("updated_at").toInstant());
                });
    }

    /** Products after {@code afterSku} in SKU order, one more than asked so the caller knows if a next page exists. */
    @WithSession
    public Uni<List<Product>> pageAfter(String afterSku, int limit) {
        return afterSku == null
                ? find("order by sku").range(0, limit).list()
                : find("sku > ?1 order by sku", afterSku).range(0, limit).list();
    }

    /** Creates or updates name and price; stock figures are untouched. Returns true when created. */
    @WithSession
    public Uni<Boolean> upsert(String sku, String name, long priceAmount, String priceCurrency, Instant now) {
        return getSession()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO products (sku, name, price_amount, price_currency, created_at, updated_at)
                                VALUES (:sku, :name, :amount, :currency, :now, :now)
                                ON CONFLICT (sku) DO UPDATE
                                   SET name = EXCLUDED.name, price_amount = EXCLUDED.price_amount,
                                       price_currency = EXCLUDED.price_currency,
                                       version = products.version + 1, updated_at = EXCLUDED.updated_at
                                RETURNING (xmax = 0)""", Boolean.class)
                        .setParameter("sku", sku)
                        .setParameter("name", name)
                        .setParameter("amount", priceAmount)
                        .setParameter("currency", priceCurrency)
                        .setParameter("now", now)
                        .getSingleResult());
    }
    // ---------------------------------------------------------------- group-committed placement

    // Every statement that locks products orders them COLLATE "C": byte order, the order in which the
    // Java side sorts SKUs and sends its holds and releases, whatever the database's collation (under
    // en_US, "A-2" sorts after "A1"; in Java before). Two orders of locking could deadlock.
    private static final String READ_FOR_PLACEMENT = """
            SELECT sku, name, price_amount, price_currency, on_hand - reserved AS available
            FROM products WHERE sku = ANY($1::text[]) ORDER BY sku COLLATE "C"
            """;

    /**
     * Prices and availability of {@code skus} for one batch, on its connection. Optimistic by default
     * (a plain read: the holds' conditions judge); {@code lock} takes the rows in SKU order first.
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
     * Holds units, one conditional update per SKU in the given order, on a batch's connection: true
     * when every update took its units, false when one found less available than asked.
     */
    public Uni<Boolean> holdAll(SqlConnection connection, List<SkuQuantity> holds, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Tuple> updates = holds.stream().map(hold -> Tuple.of(hold.sku(), hold.quantity(), at)).toList();
        return connection.preparedQuery("""
                        UPDATE products SET reserved = reserved + $2, version = version + 1, updated_at = $3
                        WHERE sku = $1 AND on_hand - reserved >= $2""")
                .executeBatch(updates)
                .map(ProductRepository::everyRowUpdated);
    }

    private static boolean everyRowUpdated(RowSet<Row> results) {
        for (RowSet<Row> result = results; result != null; result = result.next()) {
            if (result.rowCount() != 1) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- lifecycle changes, in the session's transaction

    /** Gives held units back to sale; 0 rows when fewer are held. */
    public Uni<Integer> release(SkuQuantity units, Instant now) {
        return update("""
                UPDATE products SET reserved = reserved - :quantity, version = version + 1, updated_at = :now
                WHERE sku = :sku AND reserved >= :quantity""", units, now);
    }

    /** Turns held units into shipped ones (they leave the shelf and the hold); 0 rows when fewer are held. */
    public Uni<Integer> ship(SkuQuantity units, Instant now) {
        return update("""
                UPDATE products SET on_hand = on_hand - :quantity, reserved = reserved - :quantity,
                                    version = version + 1, updated_at = :now
                WHERE sku = :sku AND reserved >= :quantity""", units, now);
    }

    /**
     * Gives back the summed units of several orders (one line per SKU, sorted) and answers the SKUs
     * whose row changed; a SKU missing from the answer held fewer units than given back. Two
     * statements: the rows are locked in SKU order first, as every other stock change takes them (one
     * {@code UPDATE} over a join takes its rows in the plan's order, which could deadlock), then one
     * update changes them all.
     */
    public Uni<List<String>> releaseAll(List<SkuQuantity> units, Instant now) {
        JsonArray released = new JsonArray();
        units.forEach(line -> released.add(new JsonObject().put("sku", line.sku()).put("quantity", line.quantity())));
        String json = released.encode();
        return getSession()
                .chain(session -> session.createNativeQuery("""
                                SELECT sku FROM products
                                WHERE sku IN (SELECT r.sku FROM jsonb_to_recordset(cast(cast(:units as text) as jsonb)) AS r(sku text, quantity int))
                                ORDER BY sku COLLATE "C" FOR NO KEY UPDATE""", String.class)
                        .setParameter("units", json)
                        .getResultList()
                        .chain(() -> session.createNativeQuery("""
                                        UPDATE products p SET reserved = p.reserved - r.quantity, version = p.version + 1,
                                                              updated_at = :now
                                        FROM jsonb_to_recordset(cast(cast(:units as text) as jsonb)) AS r(sku text, quantity int)
                                        WHERE p.sku = r.sku AND p.reserved >= r.quantity
                                        RETURNING p.sku""", String.class)
                                .setParameter("units", json)
                                .setParameter("now", now)
                                .getResultList()));
    }

    /**
     * Names, prices and availability of {@code skus}, their rows locked in SKU order until the
     * session's transaction ends (an import checks and takes its units in one transaction).
     */
    public Uni<Map<String, StockedProduct>> lockForImport(List<String> skus) {
        return getSession()
                .chain(session -> session.<Object[]>createNativeQuery("""
                                SELECT sku, name, price_amount, price_currency, on_hand - reserved FROM products
                                WHERE sku IN (:skus) ORDER BY sku COLLATE "C" FOR NO KEY UPDATE""")
                        .setParameter("skus", skus)
                        .getResultList())
                .map(rows -> {
                    Map<String, StockedProduct> products = new HashMap<>();
                    for (Object[] row : rows) {
                        products.put((String) row[0], new StockedProduct((String) row[0], (String) row[1],
                                new Money(((Number) row[2]).longValue(), (String) row[3]), ((Number) row[4]).intValue()));
                    }
                    return products;
                });
    }

    /** Holds units for one imported order; 0 rows when fewer are available. */
    public Uni<Integer> hold(SkuQuantity units, Instant now) {
        return update("""
                UPDATE products SET reserved = reserved + :quantity, version = version + 1, updated_at = :now
                WHERE sku = :sku AND on_hand - reserved >= :quantity""", units, now);
    }

    /** Takes units off the shelf for one imported historical order; 0 rows when fewer are available (held units stay). */
    public Uni<Integer> take(SkuQuantity units, Instant now) {
        return update("""
                UPDATE products SET on_hand = on_hand - :quantity, version = version + 1, updated_at = :now
                WHERE sku = :sku AND on_hand - reserved >= :quantity""", units, now);
    }

    /** Puts returned units back on the shelf; 0 rows for an unknown SKU. */
    public Uni<Integer> restock(SkuQuantity units, Instant now) {
        return update("""
                UPDATE products SET on_hand = on_hand + :quantity, version = version + 1, updated_at = :now
                WHERE sku = :sku""", units, now);
    }

    private Uni<Integer> update(String sql, SkuQuantity units, Instant now) {
        return getSession()
                .chain(session -> session.createNativeQuery(sql)
                        .setParameter("quantity", units.quantity())
                        .setParameter("sku", units.sku())
                        .setParameter("now", now)
                        .executeUpdate());
    }

    /** Changes the units on hand by {@code delta} unless that leaves fewer than are held: 0 rows then, or for an unknown SKU. */
    public Uni<Integer> adjustOnHand(String sku, int delta, Instant now) {
        return getSession()
                .chain(session -> session.createNativeQuery("""
                                UPDATE products SET on_hand = on_hand + :delta, version = version + 1, updated_at = :now
                                WHERE sku = :sku AND on_hand + :delta >= reserved""")
                        .setParameter("delta", delta)
                        .setParameter("now", now)
                        .setParameter("sku", sku)
                        .executeUpdate());
    }

    /** What a product has on hand and held, as {@code [onHand, reserved]}, if it exists. */
    public Uni<Optional<int[]>> stockOf(String sku) {
        return getSession()
                .chain(session -> session.<Object[]>createNativeQuery("SELECT on_hand, reserved FROM products WHERE sku = :sku")
                        .setParameter("sku", sku)
                        .getSingleResultOrNull())
                .map(row -> row == null ? Optional.empty()
                        : Optional.of(new int[] {((Number) row[0]).intValue(), ((Number) row[1]).intValue()}));
    }

    /** Records a staff adjustment of the units on hand, with its reason. */
    public Uni<Void> recordAdjustment(String sku, int delta, StockAdjustmentReason reason, String note, Instant now) {
        return getSession()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO stock_adjustments (sku, delta, reason, note, created_at)
                                VALUES (:sku, :delta, :reason, :note, :now)""")
                        .setParameter("sku", sku)
                        .setParameter("delta", delta)
                        .setParameter("reason", reason.name())
                        .setParameter("note", note)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
