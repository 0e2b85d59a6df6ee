package dev.orderstream.order;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.orderstream.order.api.OrderResponse;
import dev.orderstream.order.api.OrderSummaryResponse;
import dev.orderstream.order.api.TrackingResponse;
import dev.orderstream.order.api.ExportedOrder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The orders table, its children (lines, fulfillments, returns, payments) and the order number
 * sequence: the one class that reads or writes them. Lifecycle changes load and flush the aggregate
 * through the Hibernate session ({@code @WithSession} methods), inside the service's transaction;
 * placement, the hot path, takes numbers and inserts whole batches with the Vert.x client on the
 * batch's own connection ({@link #nextNumbers}, {@link #insertPlaced}); reads are one query each on
 * the Vert.x client, straight to what clients read ({@link #findResponse}, {@link #search},
 * {@link #findTracking}) or to what an access check needs ({@link #ownerOf}, {@link #idOfTrackingToken}).
 */
@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    private final Pool pool;

    public OrderRepository(Pool pool) {
        this.pool = pool;
    }

    /** The whole aggregate: the order with its lines, fulfillments, returns and payments, or null. */
    @WithSession
    public Uni<Order> findAggregate(UUID id) {
        return findAggregates(List.of(id)).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * The whole aggregates of these orders (those that exist), in the order of {@code ids}: four
     * queries for them all, one per collection (two bags cannot be fetched in one query), whether
     * one order (a verb: {@link #findAggregate}) or a batch (an expiry sweep's 100); one query when
     * none exists.
     */
    public Uni<List<Order>> findAggregates(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession()
                .chain(session -> fetchingAll(session, "lines", ids)
                        .call(loaded -> loaded.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : fetchingAll(session, "fulfillments", ids)
                                        .call(() -> fetchingAll(session, "returns", ids))
                                        .call(() -> fetchingAll(session, "payments", ids))))
                .map(loaded -> {
                    Map<UUID, Order> byId = new HashMap<>();
                    loaded.forEach(order -> byId.put(order.id(), order));
                    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
                });
    }

    /** These orders with one collection fetched; the same instances each time (the session's), so each query fills one more. */
    private static Uni<List<Order>> fetchingAll(Mutiny.Session session, String collection, List<UUID> ids) {
        return session.createSelectionQuery("from Order o left join fetch o." + collection + " where o.id in :ids", Order.class)
                .setParameter("ids", ids)
                .getResultList();
    }


    // ---------------------------------------------------------------- reads: one query each

    /** An order's lines as one JSON array of arrays, in SKU order (the aggregate's order). */
    private static final String LINES = """
            (SELECT coalesce(json_agg(json_build_array(l.sku, l.name, l.quantity, l.unit_price_amount,
                                                       l.shipped_quantity, l.returned_quantity) ORDER BY l.sku), '[]')
             FROM order_lines l WHERE l.order_id = o.id) AS lines""";
    private static final String ORDER_COLUMNS = """
            o.id, o.number, o.customer_id, o.email, o.channel, o.status, o.payment_status, o.currency, o.total_amount,
            o.reserved_until, o.version, o.created_at, o.updated_at, o.attention, o.tags, o.external_order_id""";
    /** An order's shipments as one JSON array of arrays, oldest first. */
    private static final String FULFILLMENTS = """
            (SELECT coalesce(json_agg(json_build_array(f.id, f.carrier, f.tracking_number, f.tracking_url, f.lines,
                                                       (extract(epoch FROM f.created_at) * 1000000)::int8,
                                                       (extract(epoch FROM f.delivered_at) * 1000000)::int8,
                                                       f.shipment_status,
                                                       (extract(epoch FROM f.estimated_delivery_at) * 1000000)::int8,
                                                       (extract(epoch FROM f.first_estimated_delivery_at) * 1000000)::int8)
                                      ORDER BY f.created_at, f.id), '[]')
             FROM fulfillments f WHERE f.order_id = o.id) AS fulfillments""";
    private static final String READ_ORDER = "SELECT " + ORDER_COLUMNS + ", " + LINES + ", " + FULFILLMENTS + """
            ,
            o.ship_name, o.ship_line1, o.ship_line2, o.ship_city, o.ship_postal_code, o.ship_country, o.ship_phone,
            o.tracking_token,
            o.cancellation_reason, o.cancellation_note, o.feedback_rating, o.feedback_comment, o.feedback_at,
            o.language, o.recovered_from, o.recovered_by,
            (SELECT coalesce(json_agg(json_build_array(r.id, r.status, r.reason, r.restocked, r.lines,
                                                       (extract(epoch FROM r.created_at) * 1000000)::int8,
                                                       (extract(epoch FROM r.received_at) * 1000000)::int8)
                                      ORDER BY r.created_at, r.id), '[]')
             FROM order_returns r WHERE r.order_id = o.id) AS returns,
            (SELECT coalesce(json_agg(json_build_array(p.id, p.kind, p.amount, p.provider, p.reference, p.reason,
                                                       p.return_id, (extract(epoch FROM p.created_at) * 1000000)::int8)
                                      ORDER BY p.created_at, p.id), '[]')
             FROM payments p WHERE p.order_id = o.id) AS payments
            FROM orders o WHERE o.id = $1""";

    /**
     * An order as clients read it, with its lines, fulfillments, returns and payments, in one query
     * on the Vert.x client (no session, no entities): null if there is none. Changes still load the
     * aggregate through the session ({@link #findAggregate}).
     */
    public Uni<OrderResponse> findResponse(UUID id) {
        return pool.preparedQuery(READ_ORDER).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : OrderRows.response(rows.iterator().next()));
    }

    /** An order as its public tracking token shows it (no personal data), in one query: null if no order has it. */
    public Uni<TrackingResponse> findTracking(String token) {
        return findTracked(token).map(tracked -> tracked == null ? null : tracked.view());
    }

    /**
     * The order behind a tracking token as its tracking view, with what a tracking page also needs
     * to match its events to it (the order id, the shipments' ids, in the view's order); null if none.
     */
    public Uni<TrackedOrder> findTracked(String token) {
        return pool.preparedQuery("SELECT o.id, o.number, o.status, o.created_at, o.updated_at, " + LINES + ", " + FULFILLMENTS
                        + " FROM orders o WHERE o.tracking_token = $1")
                .execute(Tuple.of(token))
                .map(rows -> rows.rowCount() == 0 ? null : OrderRows.tracked(rows.iterator().next()));
    }

    /**
     * The tracking token of the order with this number, if the email or the postal code given is the
     * order's (case, spaces and hyphens aside): what the lookup form needs, and nothing else leaves.
     */
    public Uni<Optional<String>> trackingTokenOf(long number, String email, String postalCode) {
        return pool.preparedQuery("""
                        SELECT tracking_token FROM orders
                        WHERE number = $1
                          AND ($2::text IS NOT NULL AND lower(email) = lower($2)
                               OR $3::text IS NOT NULL AND ship_postal_code IS NOT NULL
                                  AND upper(translate(ship_postal_code, ' -', '')) = upper(translate($3, ' -', '')))""")
                .execute(Tuple.of(number, email, postalCode))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("tracking_token")));
    }

    /** The order a public tracking token belongs to. */
    public Uni<Optional<UUID>> idOfTrackingToken(String token) {
        return pool.preparedQuery("SELECT id FROM orders WHERE tracking_token = $1")
                .execute(Tuple.of(token))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /** The customer an order belongs to, if the order exists: what an access check needs, and no more. */
    /** Who the order of a shipment belongs to: empty if the order has no such shipment. */
    public Uni<Optional<String>> ownerOfShipment(UUID id, UUID fulfillmentId) {
        return pool.preparedQuery("""
                        SELECT o.customer_id FROM orders o JOIN fulfillments f ON f.order_id = o.id
                        WHERE o.id = $1 AND f.id = $2""")
                .execute(Tuple.of(id, fulfillmentId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("customer_id")));
    }

    public Uni<Optional<String>> ownerOf(UUID id) {
        return pool.preparedQuery("SELECT customer_id FROM orders WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("customer_id")));
    }

    /**
     * One page of orders matching the filter, newest first (by number), with their lines, in one
     * query; keyset pagination on the number, so rows inserted meanwhile never shift later pages.
     * The SQL text depends only on which filters are set, so each combination is one prepared
     * statement with a plan of its own.
     */
    public Uni<List<OrderSummaryResponse>> search(OrderFilter filter, Long beforeNumber, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(ORDER_COLUMNS).append(", ").append(LINES)
                .append(" FROM orders o WHERE true");
        List<Object> params = new ArrayList<>();
        conditions(sql, params, filter);
        condition(sql, params, " AND o.number < $", beforeNumber);
        params.add(limit);
        sql.append(" ORDER BY o.number DESC LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
                .map(rows -> {
                    List<OrderSummaryResponse> page = new ArrayList<>(rows.size());
                    rows.forEach(row -> page.add(OrderRows.summary(row)));
                    return page;
                });
    }

    /**
     * Every order matching the filter, newest first, with its lines and shipping address, read
     * through a server-side cursor {@code fetch} rows at a time as the reader asks for more: memory
     * stays flat however many orders match. The cursor lives in a read-only transaction on a
     * connection of its own, closed when the stream ends, fails or is cancelled.
     */
    public Multi<ExportedOrder> export(OrderFilter filter, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT ").append(ORDER_COLUMNS).append(", ").append(LINES).append("""
                , o.ship_name, o.ship_line1, o.ship_line2, o.ship_city, o.ship_postal_code, o.ship_country,
                  o.ship_phone FROM orders o WHERE true""");
        List<Object> params = new ArrayList<>();
        conditions(sql, params, filter);
        sql.append(" ORDER BY o.number DESC");
        Tuple arguments = Tuple.from(params);
        return pool.getConnection().toMulti().onItem().transformToMultiAndConcatenate(connection -> {
            AtomicReference<Transaction> transaction = new AtomicReference<>();
            return connection.begin().invoke(transaction::set).toMulti()
                    .onItem().transformToMultiAndConcatenate(begun -> connection.query("SET TRANSACTION READ ONLY")
                            .execute().toMulti())
                    .onItem().transformToMultiAndConcatenate(set -> connection.prepare(sql.toString()).toMulti())
                    .onItem().transformToMultiAndConcatenate(statement -> statement.createStream(fetch, arguments).toMulti())
                    .map(OrderRows::exported)
                    // however the stream ends (done, failed, the client gone), the transaction ends first,
                    // then the connection goes back to the pool
                    .onTermination().call(() -> (transaction.get() == null ? Uni.createFrom().voidItem()
                            : transaction.get().rollback().onFailure().recoverWithNull())
                            .chain(() -> connection.close()));
        });
    }

    /** What analytics counts of these orders (channel, currency, total, units per SKU, when placed); those that exist. */
    public Uni<Map<UUID, SalesFacts>> salesFactsOf(java.util.Collection<UUID> ids) {
        return pool.preparedQuery("""
                        SELECT o.id, o.channel, o.currency, o.total_amount, o.created_at, l.skus, l.quantities
                        FROM orders o
                        CROSS JOIN LATERAL (SELECT array_agg(sku) AS skus, array_agg(quantity) AS quantities
                                            FROM order_lines WHERE order_id = o.id) l
                        WHERE o.id = ANY($1)""")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, SalesFacts> facts = new java.util.HashMap<>();
                    rows.forEach(row -> {
                        String[] skus = row.getArrayOfStrings("skus");
                        Integer[] quantities = row.getArrayOfIntegers("quantities");
                        Map<String, Integer> lines = new java.util.TreeMap<>();
                        int units = 0;
                        for (int i = 0; skus != null && i < skus.length; i++) {
                            lines.merge(skus[i], quantities[i], Integer::sum);
                            units += quantities[i];
                        }
                        facts.put(row.getUUID("id"), new SalesFacts(row.getUUID("id"), row.getString("channel"),
                                row.getString("currency"), row.getLong("total_amount"), units,
                                row.getOffsetDateTime("created_at").toInstant(), lines));
                    });
                    return facts;
                });
    }

    /** The order imported from {@code channel} with that id there, if it was. */
    public Uni<Optional<OrderService.Imported>> findImported(String channel, String externalOrderId) {
        return pool.preparedQuery("SELECT id, number FROM orders WHERE channel = $1 AND external_order_id = $2")
                .execute(Tuple.of(channel, externalOrderId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(new OrderService.Imported(
                        rows.iterator().next().getUUID("id"), rows.iterator().next().getLong("number"), false)));
    }

    /** The next order number, in the session's transaction (an import; placements take theirs in batches). */
    public Uni<Long> nextNumber() {
        return getSession().chain(session -> session.<Number>createNativeQuery("SELECT nextval('order_number_seq')")
                .getSingleResult()).map(Number::longValue);
    }

    /** The ids of the orders matching the filter, oldest first, at most {@code max}. */
    public Uni<List<UUID>> idsMatching(OrderFilter filter, int max) {
        StringBuilder sql = new StringBuilder("SELECT o.id FROM orders o WHERE true");
        List<Object> params = new ArrayList<>();
        conditions(sql, params, filter);
        params.add(max);
        sql.append(" ORDER BY o.number LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    private static void conditions(StringBuilder sql, List<Object> params, OrderFilter filter) {
        condition(sql, params, " AND o.customer_id = $", filter.customerId());
        condition(sql, params, " AND o.status = $", filter.status() == null ? null : filter.status().name());
        condition(sql, params, " AND o.channel = $", filter.channel());
        condition(sql, params, " AND o.external_order_id = $", filter.externalOrderId());
        if (filter.tag() != null) {
            // (the GIN index orders_tags serves this; it holds only tagged orders, hence the cardinality)
            params.add(filter.tag());
            sql.append(" AND cardinality(o.tags) > 0 AND o.tags @> ARRAY[$").append(params.size()).append("::text]");
        }
        condition(sql, params, " AND o.created_at >= $", utc(filter.createdFrom()));
        condition(sql, params, " AND o.created_at < $", utc(filter.createdTo()));
        if (filter.attention() != null || filter.rule() != null) {
            // (the partial index orders_attention_number serves the work queue)
            sql.append(Boolean.FALSE.equals(filter.attention()) ? " AND o.attention IS NULL" : " AND o.attention IS NOT NULL");
        }
        condition(sql, params, " AND ',' || o.attention || ',' LIKE $",
                filter.rule() == null ? null : "%," + filter.rule().key() + ",%");
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(clause).append(params.size());
        }
    }

    /** Unpaid orders whose hold ran out, oldest hold first. */
    private static final String EXPIRED = """
            SELECT id FROM orders
            WHERE status = 'PENDING_PAYMENT' AND reserved_until < :now
            ORDER BY reserved_until
            LIMIT :limit""";

    /**
     * Locks up to {@code limit} unpaid orders whose hold ran out; rows another sweeper holds are
     * skipped, so concurrent sweepers share the work instead of doing it twice.
     */
    @WithSession
    public Uni<List<UUID>> lockExpired(Instant now, int limit) {
        return expired(EXPIRED + " FOR UPDATE SKIP LOCKED", now, limit);
    }

    /** Up to {@code limit} unpaid orders whose hold ran out, oldest hold first, without locking them. */
    @WithSession
    public Uni<List<UUID>> findExpired(Instant now, int limit) {
        return expired(EXPIRED, now, limit);
    }

    private Uni<List<UUID>> expired(String sql, Instant now, int limit) {
        return getSession()
                .chain(session -> session.createNativeQuery(sql, UUID.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList());
    }

    /**
     * Locks up to {@code limit} orders an alert rule holds for at {@code now} that it has not flagged
     * yet: confirmed orders past the cutoff (index on confirmed_at), and orders with a shipment in
     * flight that is unscanned, stalled, late or in exception (index on the undelivered shipments).
     * Rows another sweeper holds are skipped.
     */
    @WithSession
    public Uni<List<UUID>> lockAttentionCandidates(AttentionPolicy policy, Instant now, int limit) {
        return getSession()
                .chain(session -> session.createNativeQuery("""
                                SELECT id FROM orders WHERE id IN (
                                    SELECT o.id FROM orders o
                                    WHERE o.status = 'CONFIRMED' AND o.confirmed_at <= :confirmedBy
                                      AND coalesce(o.attention, '') NOT LIKE '%confirmed_not_shipped%'
                                    UNION
                                    SELECT f.order_id FROM fulfillments f JOIN orders o ON o.id = f.order_id
                                    WHERE f.delivered_at IS NULL AND o.status IN ('PARTIALLY_FULFILLED', 'FULFILLED')
                                      AND (f.last_scan_at IS NULL AND f.created_at <= :shippedBy
                                               AND coalesce(o.attention, '') NOT LIKE '%no_carrier_scan%'
                                           OR f.last_scan_at <= :scannedBy
                                               AND coalesce(o.attention, '') NOT LIKE '%stalled_in_transit%'
                                           OR f.estimated_delivery_at <= :estimatedBy
                                               AND coalesce(o.attention, '') NOT LIKE '%estimated_delivery_missed%'
                                           OR f.shipment_status = 'EXCEPTION'
                                               AND coalesce(o.attention, '') NOT LIKE '%delivery_exception%'))
                                ORDER BY number LIMIT :limit
                                FOR UPDATE SKIP LOCKED""", UUID.class)
                        .setParameter("confirmedBy", policy.confirmedBy(now))
                        .setParameter("shippedBy", policy.shippedBy(now))
                        .setParameter("scannedBy", policy.lastScannedBy(now))
                        .setParameter("estimatedBy", policy.estimatedBy(now))
                        .setParameter("limit", limit)
                        .getResultList());
    }

    /** Locks one unpaid order whose hold ran out; false when it is not (any more), or another sweeper holds it. */
    @WithSession
    public Uni<Boolean> lockIfExpired(UUID id, Instant now) {
        return getSession()
                .chain(session -> session.createNativeQuery("""
                                SELECT id FROM orders
                                WHERE id = :id AND status = 'PENDING_PAYMENT' AND reserved_until < :now
                                FOR UPDATE SKIP LOCKED""", UUID.class)
                        .setParameter("id", id)
                        .setParameter("now", now)
                        .getResultList())
                .map(locked -> !locked.isEmpty());
    }

    /**
     * {@code count} new order numbers, ascending, in one statement on a placement batch's connection.
     * A sequence is outside transactions: a refused or rolled-back placement leaves a gap, as a
     * rolled-back nextval always does. (Through Hibernate, a native select got a new query-plan cache
     * entry on every call, which filled that cache; this is the Vert.x client's prepared statement.)
     */
    public Uni<List<Long>> nextNumbers(SqlConnection connection, int count) {
        return connection.preparedQuery("SELECT nextval('order_number_seq') FROM generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> numbers = new ArrayList<>(count);
                    rows.forEach(row -> numbers.add(row.getLong(0)));
                    numbers.sort(null);
                    return numbers;
                });
    }

    /**
     * Inserts newly placed orders with their lines, two multi-row statements for a whole batch of
     * placements (group commit), on the batch's connection and in its transaction.
     */
    public Uni<Void> insertPlaced(SqlConnection connection, List<Order> placed) {
        int n = placed.size();
        UUID[] ids = new UUID[n];
        Long[] numbers = new Long[n];
        String[] customers = new String[n], emails = new String[n], channels = new String[n];
        String[] statuses = new String[n], payments = new String[n], currencies = new String[n];
        Long[] totals = new Long[n];
        String[] names = new String[n], line1s = new String[n], line2s = new String[n], cities = new String[n];
        String[] postalCodes = new String[n], countries = new String[n], phones = new String[n], tokens = new String[n];
        OffsetDateTime[] reservedUntil = new OffsetDateTime[n], created = new OffsetDateTime[n];
        Integer[] sequences = new Integer[n];
        String[] languages = new String[n];
        UUID[] recoveredFrom = new UUID[n];
        List<UUID> lineIds = new ArrayList<>(), lineOrders = new ArrayList<>();
        List<String> lineSkus = new ArrayList<>(), lineNames = new ArrayList<>();
        List<Integer> lineQuantities = new ArrayList<>();
        List<Long> linePrices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Order order = placed.get(i);
            ShippingAddress address = order.shippingAddress();
            ids[i] = order.id();
            numbers[i] = order.number();
            customers[i] = order.customerId();
            emails[i] = order.email();
            channels[i] = order.channel();
            statuses[i] = order.status().name();
            payments[i] = order.paymentStatus().name();
            currencies[i] = order.currency();
            totals[i] = order.total().amount();
            names[i] = address.name();
            line1s[i] = address.line1();
            line2s[i] = address.line2();
            cities[i] = address.city();
            postalCodes[i] = address.postalCode();
            countries[i] = address.country();
            phones[i] = address.phone();
            reservedUntil[i] = utc(order.reservedUntil());
            tokens[i] = order.trackingToken();
            sequences[i] = order.lastEventSequence();
            created[i] = utc(order.createdAt());
            languages[i] = order.language();
            recoveredFrom[i] = order.recoveredFrom();
            for (OrderLine line : order.lines) {
                lineIds.add(line.id());
                lineOrders.add(order.id());
                lineSkus.add(line.sku());
                lineNames.add(line.name());
                lineQuantities.add(line.quantity());
                linePrices.add(line.unitPriceAmount());
            }
        }
        Tuple orders = Tuple.tuple(List.<Object>of(ids, numbers, customers, emails, channels, statuses, payments, currencies,
                totals, names, line1s, line2s, cities, postalCodes, countries, reservedUntil, tokens, sequences, created,
                languages, recoveredFrom, phones));
        Tuple lines = Tuple.tuple(List.<Object>of(lineIds.toArray(UUID[]::new), lineOrders.toArray(UUID[]::new),
                lineSkus.toArray(String[]::new), lineNames.toArray(String[]::new),
                lineQuantities.toArray(Integer[]::new), linePrices.toArray(Long[]::new)));
        // one statement after the other on the same connection: pipelined, no wait in between
        return Uni.combine().all().unis(
                        connection.preparedQuery("""
                                INSERT INTO orders (id, number, customer_id, email, channel, status, payment_status,
                                                    currency, total_amount, ship_name, ship_line1, ship_line2, ship_city,
                                                    ship_postal_code, ship_country, reserved_until, tracking_token,
                                                    last_event_sequence, version, created_at, updated_at, language,
                                                    recovered_from, ship_phone)
                                SELECT o.id, o.number, o.customer_id, o.email, o.channel, o.status, o.payment_status,
                                       o.currency, o.total_amount, o.ship_name, o.ship_line1, o.ship_line2, o.ship_city,
                                       o.ship_postal_code, o.ship_country, o.reserved_until, o.tracking_token,
                                       o.last_event_sequence, 0, o.created, o.created, o.language, o.recovered_from,
                                       o.ship_phone
                                FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[],
                                            $7::text[], $8::text[], $9::int8[], $10::text[], $11::text[], $12::text[],
                                            $13::text[], $14::text[], $15::text[], $16::timestamptz[], $17::text[],
                                            $18::int4[], $19::timestamptz[], $20::text[], $21::uuid[], $22::text[])
                                     AS o(id, number, customer_id, email, channel, status, payment_status, currency,
                                          total_amount, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code,
                                          ship_country, reserved_until, tracking_token, last_event_sequence, created,
                                          language, recovered_from, ship_phone)""")
                                .execute(orders),
                        connection.preparedQuery("""
                                INSERT INTO order_lines (id, order_id, sku, name, quantity, unit_price_amount)
                                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int4[], $6::int8[])""")
                                .execute(lines))
                .discardItems();
    }

    /**
     * Locks an expired order's row for its recovery, in the recovery's transaction: the order that
     * recovered it meanwhile (another use of the same link), if any.
     */
    public Uni<Optional<UUID>> lockForRecovery(SqlConnection connection, UUID id) {
        return connection.preparedQuery("SELECT recovered_by FROM orders WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty()
                        : Optional.ofNullable(rows.iterator().next().getUUID("recovered_by")));
    }

    /** Saves {@link Order#markRecovered} on the recovery's connection, if the order is still at the version it was read at. */
    public Uni<Boolean> saveRecovered(SqlConnection connection, Order order) {
        return connection.preparedQuery("""
                        UPDATE orders SET recovered_by = $2, last_event_sequence = $3, version = version + 1, updated_at = $4
                        WHERE id = $1 AND version = $5 AND recovered_by IS NULL""")
                .execute(Tuple.of(order.id(), order.recoveredBy(), order.lastEventSequence(), utc(order.updatedAt()),
                        order.version()))
                .map(rows -> rows.rowCount() == 1);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
