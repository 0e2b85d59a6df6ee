package dev.orderstream.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the event log in stream order for the relay and the SSE streams, straight through the
 * reactive pool. Only events whose transaction is older than every running transaction are
 * returned, so a reader never passes over an event that commits late.
 */
@ApplicationScoped
public class EventStore {

    static final String COLUMNS = """
            id, order_id, customer_id, sequence, type, occurred_at, status, payment_status, data::text AS data,
            txid::text AS txid""";
    static final String SETTLED = "txid < pg_snapshot_xmin(pg_current_snapshot())";

    private final Pool pool;

    public EventStore(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} settled events after {@code from} that match the filter, in stream order. */
    public Uni<List<EventRow>> after(Position from, EventFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM order_events WHERE (txid, id) > ($1::text::xid8, $2) AND ")
                .append(SETTLED);
        List<Object> params = new ArrayList<>(List.of(Long.toUnsignedString(from.txid()), from.id()));
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
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(EventStore::toEvents);
    }

    /**
     * Up to {@code limit} committed events not yet published, in id order: the relay's read. Unlike
     * the streams it needs no resume position (published_at marks its progress) and so waits for no
     * unrelated running transaction; an order's events are still in sequence order, since each is
     * inserted only after the transaction of the one before it committed.
     */
    Uni<List<EventRow>> unpublished(int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM order_events WHERE published_at IS NULL ORDER BY id LIMIT $1")
                .execute(Tuple.of(limit))
                .map(EventStore::toEvents);
    }

    private static List<EventRow> toEvents(RowSet<Row> rows) {
        List<EventRow> events = new ArrayList<>(rows.size());
        rows.forEach(row -> events.add(toEvent(row)));
        return events;
    }

    /** The stream position of an event, if it exists. */
    public Uni<Optional<Position>> positionOf(long eventId) {
        return pool.preparedQuery("SELECT txid::text AS txid, id FROM order_events WHERE id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(positionOf(rows.iterator().next())));
    }

    /** The position of the newest settled event: where a reader that wants only what comes next starts. */
    public Uni<Position> head() {
        return pool.query("SELECT txid::text AS txid, id FROM order_events WHERE " + SETTLED
                        + " ORDER BY txid DESC, id DESC LIMIT 1")
                .execute()
                .map(rows -> rows.rowCount() == 0 ? Position.START : positionOf(rows.iterator().next()));
    }

    /** The order a public tracking token belongs to. */
    public Uni<Optional<UUID>> orderOfTrackingToken(String token) {
        return pool.preparedQuery("SELECT id FROM orders WHERE tracking_token = $1")
                .execute(Tuple.of(token))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /** The customer an order belongs to, if the order exists: what access checks need. */
    public Uni<Optional<String>> ownerOf(UUID orderId) {
        return pool.preparedQuery("SELECT customer_id FROM orders WHERE id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("customer_id")));
    }

    private static EventRow toEvent(Row row) {
        return new EventRow(
                row.getLong("id"),
                row.getUUID("order_id"),
                row.getString("customer_id"),
                row.getInteger("sequence"),
                row.getString("type"),
                row.getOffsetDateTime("occurred_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                row.getString("status"),
                row.getString("payment_status"),
                row.getString("data"),
                positionOf(row));
    }

    private static Position positionOf(Row row) {
        return new Position(Long.parseUnsignedLong(row.getString("txid")), row.getLong("id"));
    }
}
