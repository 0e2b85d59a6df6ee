package dev.orderstream.order;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Human-facing order numbers from {@code order_number_seq}, taken straight through the reactive pool
 * and <em>before</em> the placement transaction opens: a sequence is outside transactions anyway
 * (a refused placement leaves a gap, as a rolled-back nextval does), and taking a second pool
 * connection while a transaction holds one would starve the pool under load. (Through Hibernate, a
 * native select gets a new query-plan cache entry on every call, which filled that cache and made
 * every lookup in it slow.)
 */
@ApplicationScoped
public class OrderNumbers {

    private final Pool pool;

    public OrderNumbers(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> next() {
        return pool.query("SELECT nextval('order_number_seq') AS n").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }
}
