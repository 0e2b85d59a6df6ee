package dev.orderstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The event log ({@code order_events}), the transactional outbox: the one class that reads or writes
 * it. Appends join the caller's transaction, so an event exists exactly when the change it records
 * committed: {@link #append} the Hibernate session's (a lifecycle change), {@link #appendAll} a
 * group-committed batch's connection. Everything that tells the outside world reads from here, on
 * the Vert.x pool: the history, the SSE streams ({@link #after}, in stream order: only events whose
 * transaction is older than every running transaction, so a reader never passes over an event that
 * commits late) and the RabbitMQ relay ({@link #unpublished} after its position, {@link #markPublished}).
 */
@ApplicationScoped
public class EventStore {

    /**
     * The transaction order travels as text (xid8 has no binary codec in the client) under a name of
     * its own: named {@code txid}, an {@code ORDER BY txid} would sort by that text ("10" before "9"),
     * which is the wrong order and, reading no index in order, a sort of everything after a position.
     */
    private static final String COLUMNS = """
            id, order_id, customer_id, sequence, type, occurred_at, status, payment_status, data::text AS data,
            txid::text AS stream_txid""";
    private static final String SETTLED = "txid < pg_snapshot_xmin(pg_current_snapshot())";
    private static final TypeReference<LinkedHashMap<String, Object>> DATA = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public EventStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    // ---------------------------------------------------------------- appending, in the caller's transaction

    /** Appends a lifecycle change's events in one multi-row insert, in the session's transaction; ids grow in list order. */
    public Uni<Void> append(List<OrderEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
                VALUES\s""");
        // The inner cast makes PostgreSQL type the parameter as text: bound as jsonb, the reactive
        // driver would store the Java string as a JSON string instead of parsing it as an object.
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:order").append(i).append(", :customer").append(i).append(", :sequence").append(i)
                    .append(", :type").append(i).append(", :at").append(i).append(", :status").append(i)
                    .append(", :payment").append(i).append(", CAST(CAST(:data").append(i).append(" AS text) AS jsonb))");
        }
        return Panache.getSession()
                .chain(session -> bind(session.createNativeQuery(sql.toString()), events).executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Appends the events of a whole batch of placements in one statement, on the batch's connection
     * and in its transaction (group commit); ids grow in list order.
     */
    public Uni<Void> appendAll(SqlConnection connection, List<OrderEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] orders = new UUID[n];
        String[] customers = new String[n], types = new String[n], statuses = new String[n];
        String[] payments = new String[n], data = new String[n];
        Integer[] sequences = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            OrderEvent event = events.get(i);
            orders[i] = event.orderId();
            customers[i] = event.customerId();
            sequences[i] = event.sequence();
            types[i] = event.type();
            at[i] = OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC);
            statuses[i] = event.status();
            payments[i] = event.paymentStatus();
            data[i] = toJson(event);
        }
        return connection.preparedQuery("""
                        INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status,
                                                  payment_status, data)
                        SELECT e.order_id, e.customer_id, e.sequence, e.type, e.occurred_at, e.status,
                               e.payment_status, e.data::jsonb
                        FROM unnest($1::uuid[], $2::text[], $3::int4[], $4::text[], $5::timestamptz[], $6::text[],
                                    $7::text[], $8::text[])
                             AS e(order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)""")
                .execute(Tuple.tuple(List.<Object>of(orders, customers, sequences, types, at, statuses, payments, data)))
                .replaceWithVoid();
    }

    private Mutiny.Query<?> bind(Mutiny.Query<?> query, List<OrderEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            OrderEvent event = events.get(i);
            query.setParameter("order" + i, event.orderId());
            query.setParameter("customer" + i, event.customerId());
            query.setParameter("sequence" + i, event.sequence());
            query.setParameter("type" + i, event.type());
            query.setParameter("at" + i, event.occurredAt());
            query.setParameter("status" + i, event.status());
            query.setParameter("payment" + i, event.paymentStatus());
            query.setParameter("data" + i, toJson(event));
        }
        return query;
    }

    // ---------------------------------------------------------------- reading

    /** One order's events in sequence order: its history. */
    public Uni<List<OrderEvent>> historyOf(UUID orderId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM order_events WHERE order_id = $1 ORDER BY sequence")
                .execute(Tuple.of(orderId))
                .map(this::toEvents);
    }

    /** Up to {@code limit} settled events after {@code from} that match the filter, in stream order. */
    public Uni<List<OrderEvent>> after(Position from, EventFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM order_events WHERE (txid, id) > ($1::text::xid8, $2) AND " + SETTLED);
        List<Object> params = new ArrayList<>(List.of(Long.toUnsignedString(from.transactionOrder()), from.id()));
        if (filter.orderId() != null) {
            params.add(filter.orderId());
            sql.append(" AND order_id = $").append(params.size());
        }
        if (filter.customerId() != null) {
            params.add(filter.customerId());
            sql.append(" AND customer_id = $").append(params.size());
        }
        if (filter.type() != null) {
            params.add(filter.type());
            sql.append(" AND type = $").append(params.size());
        }
        params.add(limit);
        sql.append(" ORDER BY txid, id LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(this::toEvents);
    }

    /** Events read after a reader's position, and the position after them. */
    public record Batch(List<OrderEvent> events, Position next) {
    }

    /**
     * The next batch for a reader that keeps its own position (the webhook and notification
     * fan-outs): with none yet it starts at the log's head, with what comes next rather than all
     * history; else up to {@code limit} settled events after it.
     */
    public Uni<Batch> nextBatch(Optional<Position> from, int limit) {
        if (from.isEmpty()) {
            return head().map(head -> new Batch(List.of(), head));
        }
        return after(from.get(), EventFilter.ALL, limit)
                .map(events -> new Batch(events, events.isEmpty() ? from.get() : events.get(events.size() - 1).position()));
    }

    /** The events with these ids, in id order (those that exist). */
    public Uni<List<OrderEvent>> byIds(List<Long> ids) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM order_events WHERE id = ANY($1) ORDER BY id")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(this::toEvents);
    }

    /** The stream position of an event, if it exists. */
    public Uni<Optional<Position>> positionOf(long eventId) {
        return pool.preparedQuery("SELECT txid::text AS stream_txid, id FROM order_events WHERE id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(positionOf(rows.iterator().next())));
    }

    /**
     * The position just before the first event, in stream order, that occurred after {@code at}: a
     * reader starting there gets it and everything after. Empty if none did. Scans the log: it is for
     * rare operator requests (a webhook replay), not for a hot path.
     */
    public Uni<Optional<Position>> positionBeforeFirstAfter(Instant at) {
        return pool.preparedQuery("SELECT txid::text AS stream_txid, id FROM order_events WHERE occurred_at > $1"
                        + " ORDER BY txid, id LIMIT 1")
                .execute(Tuple.of(OffsetDateTime.ofInstant(at, ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Position first = positionOf(rows.iterator().next());
                    return Optional.of(new Position(first.transactionOrder(), first.id() - 1));
                });
    }

    /** The position of the newest settled event: where a reader that wants only what comes next starts. */
    public Uni<Position> head() {
        return pool.query("SELECT txid::text AS stream_txid, id FROM order_events WHERE " + SETTLED
                        + " ORDER BY txid DESC, id DESC LIMIT 1")
                .execute()
                .map(rows -> rows.rowCount() == 0 ? Position.START : positionOf(rows.iterator().next()));
    }

    // ---------------------------------------------------------------- the relay's progress

    /** The relay's position ({@code outbox_relay}), as two scalar subqueries: run once, usable as index bounds. */
    private static final String AFTER_RELAY = """
            (txid, id) > ((SELECT txid FROM outbox_relay WHERE id = 1), (SELECT event_id FROM outbox_relay WHERE id = 1))""";

    /**
     * Up to {@code limit} settled events after the relay's position, in stream order: the relay's
     * read. Like every reader of the stream it waits for the transactions older than an event to end.
     */
    Uni<List<OrderEvent>> unpublished(int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM order_events WHERE " + AFTER_RELAY + " AND " + SETTLED
                        + " ORDER BY txid, id LIMIT $1")
                .execute(Tuple.of(limit))
                .map(this::toEvents);
    }

    /**
     * Moves the relay's position to {@code upTo}, an event the broker confirmed with every one before
     * it. Never moves it back: a relay that lost its lock mid-batch cannot undo its successor's progress.
     */
    Uni<Void> markPublished(Position upTo) {
        return pool.preparedQuery("""
                        UPDATE outbox_relay SET txid = $1::text::xid8, event_id = $2
                        WHERE id = 1 AND (txid, event_id) < ($1::text::xid8, $2)""")
                .execute(Tuple.of(Long.toUnsignedString(upTo.transactionOrder()), upTo.id()))
                .replaceWithVoid();
    }

    /** How many events wait to be published, and how long the oldest has waited. */
    record Lag(long unpublished, Duration oldest) {
    }

    /**
     * Reads the relay's position, then counts the events after it in a query that names the position
     * itself: planned with its value, that count is a short range of {@code order_events_stream} in
     * the normal case. (With the position as a parameter or a subquery the planner cannot tell how
     * much of the log lies after it, and chose to scan all of it, in parallel, on every poll.)
     */
    Uni<Lag> lag() {
        return pool.query("SELECT txid::text AS stream_txid, event_id AS id FROM outbox_relay WHERE id = 1").execute()
                .map(rows -> positionOf(rows.iterator().next()))
                .chain(relay -> pool.query("""
                                SELECT count(*) AS waiting,
                                       COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)) * 1000, 0)::bigint AS oldest_ms
                                FROM order_events WHERE (txid, id) > ('%s'::xid8, %d)"""
                                .formatted(Long.toUnsignedString(relay.transactionOrder()), relay.id()))
                        .execute())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Lag(row.getLong("waiting"), Duration.ofMillis(row.getLong("oldest_ms")));
                });
    }

    // ---------------------------------------------------------------- rows and JSON

    private List<OrderEvent> toEvents(RowSet<Row> rows) {
        List<OrderEvent> events = new ArrayList<>(rows.size());
        rows.forEach(row -> events.add(toEvent(row)));
        return events;
    }

    private OrderEvent toEvent(Row row) {
        return new OrderEvent(
                row.getLong("id"),
                positionOf(row),
                row.getUUID("order_id"),
                row.getString("customer_id"),
                row.getInteger("sequence"),
                row.getString("type"),
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("status"),
                row.getString("payment_status"),
                fromJson(row.getString("data")));
    }

    private static Position positionOf(Row row) {
        return new Position(Long.parseUnsignedLong(row.getString("stream_txid")), row.getLong("id"));
    }

    private String toJson(OrderEvent event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data of " + event.type() + " is not serializable", e);
        }
    }

    private Map<String, Object> fromJson(String data) {
        try {
            return json.readValue(data, DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not a JSON object", e);
        }
    }
}
