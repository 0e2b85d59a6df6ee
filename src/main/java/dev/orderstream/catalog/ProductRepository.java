package dev.orderstream.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
@WithSession
public class ProductRepository implements PanacheRepositoryBase<Product, String> {

    /** Products after {@code afterSku} in SKU order, one more than asked so the caller knows if a next page exists. */
    public Uni<List<Product>> pageAfter(String afterSku, int limit) {
        return afterSku == null
                ? find("order by sku").range(0, limit).list()
                : find("sku > ?1 order by sku", afterSku).range(0, limit).list();
    }

    /** Creates or updates name and price; stock figures are untouched. Returns true when created. */
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
