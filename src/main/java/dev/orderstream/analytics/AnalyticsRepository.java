package dev.orderstream.analytics;

import dev.orderstream.event.Position;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The SQL of the analytics tables ({@code analytics_projection}, {@code analytics_daily_sales},
 * {@code analytics_lead_times}, {@code analytics_order_milestones}, {@code analytics_daily_post_sale},
 * {@code analytics_daily_delivery}, {@code analytics_shipments}, {@code analytics_daily_stock}), and nothing
 * else's.
 */
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

    /** Those of these orders the projector has seen a return receipt of. */
    public Uni<Set<UUID>> returnedBefore(SqlConnection connection, Set<UUID> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return connection.preparedQuery("""
                        SELECT order_id FROM analytics_order_milestones
                        WHERE order_id = ANY ($1) AND first_returned_at IS NOT NULL""")
                .execute(Tuple.of(orders.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> returned = new java.util.HashSet<>();
                    rows.forEach(row -> returned.add(row.getUUID("order_id")));
                    return returned;
                });
    }

    /** Adds a batch's post-sale increments to the daily rows (one statement) and remembers its orders' first return receipts. */
    public Uni<Void> addPostSale(SqlConnection connection, PostSaleRollup.Batch batch) {
        return saveFirstReturns(connection, batch.firstReturns()).chain(() -> addPostSaleRows(connection, batch.rows()));
    }

    private Uni<Void> saveFirstReturns(SqlConnection connection, Map<UUID, java.time.Instant> firstReturns) {
        if (firstReturns.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, java.time.Instant>> all = new ArrayList<>(firstReturns.entrySet());
        return connection.preparedQuery("""
                        INSERT INTO analytics_order_milestones AS m (order_id, first_returned_at)
                        SELECT * FROM unnest($1::uuid[], $2::timestamptz[])
                        ON CONFLICT (order_id) DO UPDATE SET first_returned_at = coalesce(m.first_returned_at, EXCLUDED.first_returned_at)""")
                .execute(Tuple.of(all.stream().map(Map.Entry::getKey).toArray(UUID[]::new),
                        all.stream().map(e -> at(e.getValue())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> addPostSaleRows(SqlConnection connection, Map<PostSaleRollup.Key, PostSaleRollup.Tally> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<PostSaleRollup.Key, PostSaleRollup.Tally>> all = new ArrayList<>(rows.entrySet());
        return connection.preparedQuery("""
                        INSERT INTO analytics_daily_post_sale AS s (day, channel, figure, label, currency, count, amount)
                        SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[], $7::int8[])
                        ON CONFLICT (day, channel, figure, label, currency) DO UPDATE
                        SET count = s.count + EXCLUDED.count, amount = s.amount + EXCLUDED.amount""")
                .execute(Tuple.tuple(List.<Object>of(
                        all.stream().map(e -> e.getKey().day()).toArray(LocalDate[]::new),
                        all.stream().map(e -> e.getKey().channel()).toArray(String[]::new),
                        all.stream().map(e -> e.getKey().figure()).toArray(String[]::new),
                        all.stream().map(e -> truncated(e.getKey().label(), 200)).toArray(String[]::new),
                        all.stream().map(e -> e.getKey().currency()).toArray(String[]::new),
                        all.stream().map(e -> e.getValue().count).toArray(Long[]::new),
                        all.stream().map(e -> e.getValue().amount).toArray(Long[]::new))))
                .replaceWithVoid();
    }

    private static String truncated(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** One post-sale figure and label (and currency, for refunds) of one day, over the channels asked for. */
    public record PostSaleTotal(LocalDate day, String figure, String label, String currency, long count, long amount) {
    }

    /** The post-sale rows from {@code from} to {@code to} (inclusive), optionally of one channel, per day, figure and label. */
    public Uni<List<PostSaleTotal>> postSale(LocalDate from, LocalDate to, String channel) {
        return pool.preparedQuery("""
                        SELECT day, figure, label, currency, sum(count) AS count, sum(amount) AS amount
                        FROM analytics_daily_post_sale
                        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR channel = $3)
                        GROUP BY day, figure, label, currency""")
                .execute(Tuple.of(from, to, channel))
                .map(rows -> {
                    List<PostSaleTotal> totals = new ArrayList<>(rows.size());
                    rows.forEach(row -> totals.add(new PostSaleTotal(row.getLocalDate("day"), row.getString("figure"),
                            row.getString("label"), row.getString("currency"), row.getLong("count"), row.getLong("amount"))));
                    return totals;
                });
    }

    /** Adds a batch's stock counts to the daily rows, one statement. */
    public Uni<Void> addStock(SqlConnection connection, Map<StockRollup.Key, Long> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<StockRollup.Key, Long>> all = new ArrayList<>(counts.entrySet());
        return connection.preparedQuery("""
                        INSERT INTO analytics_daily_stock AS s (day, channel, figure, sku, count)
                        SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::int8[])
                        ON CONFLICT (day, channel, figure, sku) DO UPDATE SET count = s.count + EXCLUDED.count""")
                .execute(Tuple.tuple(List.<Object>of(
                        all.stream().map(e -> e.getKey().day()).toArray(LocalDate[]::new),
                        all.stream().map(e -> e.getKey().channel()).toArray(String[]::new),
                        all.stream().map(e -> e.getKey().figure()).toArray(String[]::new),
                        all.stream().map(e -> truncated(e.getKey().sku(), 64)).toArray(String[]::new),
                        all.stream().map(Map.Entry::getValue).toArray(Long[]::new))))
                .replaceWithVoid();
    }

    /** One stock figure of one SKU summed over a range, with the last day it counted anything. */
    public record StockTotal(String figure, String sku, long count, LocalDate lastDay) {
    }

    /**
     * The stock rows from {@code from} to {@code to} (inclusive), optionally of one channel, summed
     * per figure and SKU: per figure most first, at most {@code limit} SKUs of each.
     */
    public Uni<List<StockTotal>> stock(LocalDate from, LocalDate to, String channel, int limit) {
        return pool.preparedQuery("""
                        SELECT figure, sku, count, last_day FROM (
                            SELECT figure, sku, sum(count) AS count, max(day) AS last_day,
                                   row_number() OVER (PARTITION BY figure ORDER BY sum(count) DESC, sku) AS rank
                            FROM analytics_daily_stock
                            WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR channel = $3)
                            GROUP BY figure, sku) ranked
                        WHERE rank <= $4
                        ORDER BY figure, rank""")
                .execute(Tuple.of(from, to, channel, limit))
                .map(rows -> {
                    List<StockTotal> totals = new ArrayList<>(rows.size());
                    rows.forEach(row -> totals.add(new StockTotal(row.getString("figure"), row.getString("sku"),
                            row.getLong("count"), row.getLocalDate("last_day"))));
                    return totals;
                });
    }

    /** The units of a stock figure over a range, every SKU together (the top-N list leaves some out). */
    public Uni<Map<String, Long>> stockTotals(LocalDate from, LocalDate to, String channel) {
        return pool.preparedQuery("""
                        SELECT figure, sum(count) AS count FROM analytics_daily_stock
                        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR channel = $3)
                        GROUP BY figure""")
                .execute(Tuple.of(from, to, channel))
                .map(rows -> {
                    Map<String, Long> totals = new HashMap<>();
                    rows.forEach(row -> totals.put(row.getString("figure"), row.getLong("count")));
                    return totals;
                });
    }

    /** The shipments the projector has seen of these orders, by fulfillment id. */
    public Uni<Map<UUID, DeliveryRollup.Shipment>> shipments(SqlConnection connection, Set<UUID> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("""
                        SELECT fulfillment_id, order_id, carrier, first_estimate_at FROM analytics_shipments
                        WHERE order_id = ANY ($1)""")
                .execute(Tuple.of(orders.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, DeliveryRollup.Shipment> seen = new HashMap<>();
                    rows.forEach(row -> seen.put(row.getUUID("fulfillment_id"), new DeliveryRollup.Shipment(
                            row.getUUID("order_id"), row.getString("carrier"), instant(row, "first_estimate_at"))));
                    return seen;
                });
    }

    /** Saves the batch's shipments and adds its delivery counts to the daily rows. */
    public Uni<Void> addDelivery(SqlConnection connection, DeliveryRollup.Batch batch) {
        return saveShipments(connection, batch.shipments()).chain(() -> {
            if (batch.counts().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Map.Entry<DeliveryRollup.Key, Long>> all = new ArrayList<>(batch.counts().entrySet());
            return connection.preparedQuery("""
                            INSERT INTO analytics_daily_delivery AS d (day, channel, carrier, figure, label, count)
                            SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[])
                            ON CONFLICT (day, channel, carrier, figure, label) DO UPDATE SET count = d.count + EXCLUDED.count""")
                    .execute(Tuple.tuple(List.<Object>of(
                            all.stream().map(e -> e.getKey().day()).toArray(LocalDate[]::new),
                            all.stream().map(e -> e.getKey().channel()).toArray(String[]::new),
                            all.stream().map(e -> truncated(e.getKey().carrier(), 100)).toArray(String[]::new),
                            all.stream().map(e -> e.getKey().figure()).toArray(String[]::new),
                            all.stream().map(e -> truncated(e.getKey().label(), 100)).toArray(String[]::new),
                            all.stream().map(Map.Entry::getValue).toArray(Long[]::new))))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> saveShipments(SqlConnection connection, Map<UUID, DeliveryRollup.Shipment> shipments) {
        if (shipments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, DeliveryRollup.Shipment>> all = new ArrayList<>(shipments.entrySet());
        return connection.preparedQuery("""
                        INSERT INTO analytics_shipments AS s (fulfillment_id, order_id, carrier, first_estimate_at)
                        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
                        ON CONFLICT (fulfillment_id) DO UPDATE SET first_estimate_at = EXCLUDED.first_estimate_at""")
                .execute(Tuple.of(all.stream().map(Map.Entry::getKey).toArray(UUID[]::new),
                        all.stream().map(e -> e.getValue().orderId()).toArray(UUID[]::new),
                        all.stream().map(e -> truncated(e.getValue().carrier(), 100)).toArray(String[]::new),
                        all.stream().map(e -> at(e.getValue().firstEstimateAt())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** One stored day's delivery figure of one carrier (and label), over the channels asked for. */
    public record DailyDelivery(LocalDate day, String carrier, String figure, String label, long count) {
    }

    /** The delivery rows from {@code from} to {@code to} (inclusive), optionally of one channel, per day, carrier, figure and label. */
    public Uni<List<DailyDelivery>> delivery(LocalDate from, LocalDate to, String channel) {
        return pool.preparedQuery("""
                        SELECT day, carrier, figure, label, sum(count) AS count FROM analytics_daily_delivery
                        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR channel = $3)
                        GROUP BY day, carrier, figure, label
                        ORDER BY day, carrier, figure, label""")
                .execute(Tuple.of(from, to, channel))
                .map(rows -> {
                    List<DailyDelivery> days = new ArrayList<>(rows.size());
                    rows.forEach(row -> days.add(new DailyDelivery(row.getLocalDate("day"), row.getString("carrier"),
                            row.getString("figure"), row.getString("label"), row.getLong("count"))));
                    return days;
                });
    }

    /** What the projector has seen of these orders so far (those it has seen anything of). */
    public Uni<Map<UUID, LeadTimes.Milestones>> milestones(SqlConnection connection, Set<UUID> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("""
                        SELECT order_id, confirmed_at, first_shipped_at, first_carrier FROM analytics_order_milestones
                        WHERE order_id = ANY ($1)""")
                .execute(Tuple.of(orders.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, LeadTimes.Milestones> seen = new HashMap<>();
                    rows.forEach(row -> seen.put(row.getUUID("order_id"), new LeadTimes.Milestones(
                            instant(row, "confirmed_at"), instant(row, "first_shipped_at"), row.getString("first_carrier"))));
                    return seen;
                });
    }

    /**
     * Adds a batch's lead times to the rollup and saves the orders' milestones after it. Each
     * touched histogram is read, merged and written back: safe, since only the holder of the
     * projection's position (this transaction) writes these tables.
     */
    public Uni<Void> addLeadTimes(SqlConnection connection, LeadTimes.Batch batch) {
        return saveMilestones(connection, batch.milestones()).chain(() -> mergeHistograms(connection, batch.seconds()));
    }

    private Uni<Void> saveMilestones(SqlConnection connection, Map<UUID, LeadTimes.Milestones> milestones) {
        if (milestones.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<UUID, LeadTimes.Milestones>> all = new ArrayList<>(milestones.entrySet());
        return connection.preparedQuery("""
                        INSERT INTO analytics_order_milestones AS m (order_id, confirmed_at, first_shipped_at, first_carrier)
                        SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[])
                        ON CONFLICT (order_id) DO UPDATE SET confirmed_at = EXCLUDED.confirmed_at,
                            first_shipped_at = EXCLUDED.first_shipped_at, first_carrier = EXCLUDED.first_carrier""")
                .execute(Tuple.of(all.stream().map(Map.Entry::getKey).toArray(UUID[]::new),
                        all.stream().map(e -> at(e.getValue().confirmedAt())).toArray(OffsetDateTime[]::new),
                        all.stream().map(e -> at(e.getValue().firstShippedAt())).toArray(OffsetDateTime[]::new),
                        all.stream().map(e -> e.getValue().firstCarrier()).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> mergeHistograms(SqlConnection connection, Map<LeadTimes.Key, List<Long>> seconds) {
        if (seconds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<LeadTimes.Row, List<Long>> landed = LeadTimes.rows(seconds);
        List<LeadTimes.Row> keys = new ArrayList<>(landed.keySet());
        return connection.preparedQuery("""
                        SELECT t.period, t.start, t.channel, t.metric, t.carrier, t.histogram
                        FROM analytics_lead_times t
                        JOIN unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[])
                             AS k(period, start, channel, metric, carrier)
                          ON (t.period, t.start, t.channel, t.metric, t.carrier)
                             = (k.period, k.start, k.channel, k.metric, k.carrier)""")
                .execute(keyTuple(keys))
                .chain(rows -> {
                    Map<LeadTimes.Row, org.HdrHistogram.Histogram> merged = new HashMap<>();
                    rows.forEach(row -> merged.put(rowOf(row), LeadTimes.decode(row.getBuffer("histogram").getBytes())));
                    Long[] counts = new Long[keys.size()];
                    io.vertx.core.buffer.Buffer[] histograms = new io.vertx.core.buffer.Buffer[keys.size()];
                    for (int i = 0; i < keys.size(); i++) {
                        org.HdrHistogram.Histogram histogram = merged.computeIfAbsent(keys.get(i), k -> LeadTimes.emptyHistogram());
                        landed.get(keys.get(i)).forEach(histogram::recordValue);
                        counts[i] = histogram.getTotalCount();
                        histograms[i] = io.vertx.core.buffer.Buffer.buffer(LeadTimes.encode(histogram));
                    }
                    Tuple upsert = keyTuple(keys).addArrayOfLong(counts);
                    upsert.addValue(histograms);
                    return connection.preparedQuery("""
                                    INSERT INTO analytics_lead_times (period, start, channel, metric, carrier, count, histogram)
                                    SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[],
                                                         $6::int8[], $7::bytea[])
                                    ON CONFLICT (period, start, channel, metric, carrier) DO UPDATE
                                    SET count = EXCLUDED.count, histogram = EXCLUDED.histogram""")
                            .execute(upsert);
                })
                .replaceWithVoid();
    }

    private static Tuple keyTuple(List<LeadTimes.Row> keys) {
        return Tuple.of(keys.stream().map(key -> key.period().wireName()).toArray(String[]::new),
                keys.stream().map(LeadTimes.Row::start).toArray(LocalDate[]::new),
                keys.stream().map(LeadTimes.Row::channel).toArray(String[]::new),
                keys.stream().map(key -> key.metric().wireName()).toArray(String[]::new),
                keys.stream().map(LeadTimes.Row::carrier).toArray(String[]::new));
    }

    private static LeadTimes.Row rowOf(Row row) {
        return new LeadTimes.Row(LeadTimes.Period.valueOf(row.getString("period").toUpperCase(java.util.Locale.ROOT)),
                row.getLocalDate("start"), row.getString("channel"), LeadTimes.Metric.ofWireName(row.getString("metric")),
                row.getString("carrier"));
    }

    /** One stored histogram, decoded. */
    public record StoredLeadTimes(LeadTimes.Row row, org.HdrHistogram.Histogram histogram) {
    }

    /**
     * The stored histograms of these whole periods (days, weeks, months by their first day), of one
     * channel or of every channel ({@link LeadTimes#EVERY_CHANNEL}).
     */
    public Uni<List<StoredLeadTimes>> leadTimes(List<LocalDate> days, List<LocalDate> weeks, List<LocalDate> months,
                                                String channel) {
        return pool.preparedQuery("""
                        SELECT period, start, channel, metric, carrier, histogram FROM analytics_lead_times
                        WHERE channel = $4 AND (period = 'day' AND start = ANY ($1) OR period = 'week' AND start = ANY ($2)
                                                OR period = 'month' AND start = ANY ($3))""")
                .execute(Tuple.of(days.toArray(LocalDate[]::new), weeks.toArray(LocalDate[]::new),
                        months.toArray(LocalDate[]::new), channel))
                .map(rows -> {
                    List<StoredLeadTimes> stored = new ArrayList<>(rows.size());
                    rows.forEach(row -> stored.add(new StoredLeadTimes(rowOf(row),
                            LeadTimes.decode(row.getBuffer("histogram").getBytes()))));
                    return stored;
                });
    }

    private static java.time.Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
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
                .chain(() -> connection.query("DELETE FROM analytics_daily_sales").execute())
                .chain(() -> connection.query("DELETE FROM analytics_lead_times").execute())
                .chain(() -> connection.query("DELETE FROM analytics_order_milestones").execute())
                .chain(() -> connection.query("DELETE FROM analytics_daily_post_sale").execute())
                .chain(() -> connection.query("DELETE FROM analytics_daily_delivery").execute())
                .chain(() -> connection.query("DELETE FROM analytics_shipments").execute())
                .chain(() -> connection.query("DELETE FROM analytics_daily_stock").execute()))
                .replaceWithVoid();
    }
}
