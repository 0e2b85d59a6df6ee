package dev.orderstream.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.orderstream.catalog.api.ProductResponse;
import dev.orderstream.common.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

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
                            onHand - reserved, row.getLong("version"), row.getOffsetDateTime("updated_at").toInstant());
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
}
