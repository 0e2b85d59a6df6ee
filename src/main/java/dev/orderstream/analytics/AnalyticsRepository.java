package dev.orderstream.analytics;

import dev.orderstream.event.Position;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The SQL of the analytics tables ({@code analytics_projection}, {@code analytics_daily_sales}), and nothing else's. */
@ApplicationScoped
public class AnalyticsRepository {

    /** One stored day of sales. */
    public record DailySales(LocalDate day, String channel, String currency, int placed, int confirmed, int cancelled,
                             int expired, int unitsSold, long gross, long refunded) {
    }

    private final Pool pool;

    public AnalyticsRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code work} with the projection's position (the log's start when none yet) in one
     * transaction that holds the position's row: one instance at a time; another instance's
     * attempt meanwhile answers null at once. {@code work} writes the rollups and the new position
     * on the same connection, so an event is counted exactly when the position moves past it.
     */
    public <T> Uni<T> withProjection(BiFunction<SqlConnection, Position, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        SELECT txid::text AS txid, event_id FROM analytics_projection WHERE id = 1
                        FOR UPDATE SKIP LOCKED""")
                .execute()
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    Position from = row.getString("txid") == null ? Position.START
                            : new Position(Long.parseUnsignedLong(row.getString("txid")), row.getLong("event_id"));
                    return work.apply(connection, from);
                }));
    }

    /** Adds a batch's increments to the daily rows, one statement. */
    public Uni<Void> addSales(SqlConnection connection, Map<SalesRollup.Key, SalesRollup.Tally> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        LocalDate[] days = new LocalDate[n];
        String[] channels = new String[n], currencies = new String[n];
        Integer[] placed = new Integer[n], confirmed = new Integer[n], cancelled = new Integer[n], expired = new Integer[n],
                units = new Integer[n];
        Long[] gross = new Long[n], refunded = new Long[n];
        int i = 0;
        for (Map.Entry<SalesRollup.Key, SalesRollup.Tally> row : rows.entrySet()) {
            days[i] = row.getKey().day();
            channels[i] = row.getKey().channel();
            currencies[i] = row.getKey().currency();
            SalesRollup.Tally tally = row.getValue();
            placed[i] = tally.placed;
            confirmed[i] = tally.confirmed;
            cancelled[i] = tally.cancelled;
            expired[i] = tally.expired;
            units[i] = tally.unitsSold;
            gross[i] = tally.gross;
            refunded[i] = tally.refunded;
            i++;
        }
        return connection.preparedQuery("""
                        INSERT INTO analytics_daily_sales AS s (day, channel, currency, placed, confirmed, cancelled,
                                                               expired, units_sold, gross_amount, refunded_amount)
                        SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::int4[], $5::int4[], $6::int4[],
                                             $7::int4[], $8::int4[], $9::int8[], $10::int8[])
                        ON CONFLICT (day, channel, currency) DO UPDATE SET
                            placed = s.placed + EXCLUDED.placed, confirmed = s.confirmed + EXCLUDED.confirmed,
                            cancelled = s.cancelled + EXCLUDED.cancelled, expired = s.expired + EXCLUDED.expired,
                            units_sold = s.units_sold + EXCLUDED.units_sold,
                            gross_amount = s.gross_amount + EXCLUDED.gross_amount,
                            refunded_amount = s.refunded_amount + EXCLUDED.refunded_amount""")
                .execute(Tuple.tuple(List.<Object>of(days, channels, currencies, placed, confirmed, cancelled, expired,
                        units, gross, refunded)))
                .replaceWithVoid();
    }

    public Uni<Void> moveTo(SqlConnection connection, Position position) {
        return connection.preparedQuery("UPDATE analytics_projection SET txid = $1::text::xid8, event_id = $2 WHERE id = 1")
                .execute(Tuple.of(Long.toUnsignedString(position.transactionOrder()), position.id()))
                .replaceWithVoid();
    }

    /** The stored days from {@code from} to {@code to} (inclusive), optionally of one channel, in day order. */
    public Uni<List<DailySales>> sales(LocalDate from, LocalDate to, String channel) {
        return pool.preparedQuery("""
                        SELECT day, channel, currency, placed, confirmed, cancelled, expired, units_sold, gross_amount,
                               refunded_amount
                        FROM analytics_daily_sales
                        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR channel = $3)
                        ORDER BY day, currency, channel""")
                .execute(Tuple.of(from, to, channel))
                .map(rows -> {
                    List<DailySales> days = new ArrayList<>(rows.size());
                    rows.forEach(row -> days.add(new DailySales(row.getLocalDate("day"), row.getString("channel"),
                            row.getString("currency"), row.getInteger("placed"), row.getInteger("confirmed"),
                            row.getInteger("cancelled"), row.getInteger("expired"), row.getInteger("units_sold"),
                            row.getLong("gross_amount"), row.getLong("refunded_amount"))));
                    return days;
                });
    }

    /** Forgets every rollup and the position, in one transaction (it waits for a running projection): the projector starts over. */
    public Uni<Void> reset() {
        return pool.withTransaction(connection -> connection.query("""
                        UPDATE analytics_projection SET txid = NULL, event_id = NULL WHERE id = 1""").execute()
                .chain(() -> connection.query("DELETE FROM analytics_daily_sales").execute()))
                .replaceWithVoid();
    }
}
