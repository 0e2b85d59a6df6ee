package dev.orderstream.order;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Human-facing order numbers from {@code order_number_seq}, a whole batch of placements' worth in
 * one statement. A sequence is outside transactions: a refused or rolled-back placement leaves a gap,
 * as a rolled-back nextval always does. (Through Hibernate, a native select gets a new query-plan
 * cache entry on every call, which filled that cache and made every lookup in it slow; this is the
 * Vert.x client's prepared statement.)
 */
@ApplicationScoped
public class OrderNumbers {

    /** {@code count} new numbers, ascending. */
    public Uni<List<Long>> next(SqlConnection connection, int count) {
        return connection.preparedQuery("SELECT nextval('order_number_seq') FROM generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> numbers = new ArrayList<>(count);
                    rows.forEach(row -> numbers.add(row.getLong(0)));
                    numbers.sort(null);
                    return numbers;
                });
    }
}
