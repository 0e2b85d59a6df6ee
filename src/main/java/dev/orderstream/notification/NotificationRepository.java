package dev.orderstream.notification;

import dev.orderstream.event.EventStore;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.event.Position;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The notification tables ({@code notifications}, {@code notification_fanout},
 * {@code notification_preferences}): the one class that reads or writes them, on the Vert.x pool.
 */
@ApplicationScoped
public class NotificationRepository {

    /** An email claimed for one attempt, with what rendering it needs. */
    public record Claimed(long id, UUID orderId, NotificationType type, String subject, String recipient, String detail,
                          int attempt, String trackingToken, String language, String customerId, long number,
                          Instant orderUpdatedAt) {
    }

    /** One email as staff read it. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "An email of the order: type, recipient, state, attempts")
    public record Logged(long id, String type, String subject, String recipient, String state, int attempts,
                         String lastError, Long eventId, Long resendOf, Instant createdAt, Instant notBefore,
                         Instant sentAt) {
    }

    private static final String LOGGED_COLUMNS = """
            id, type, subject, recipient, state, attempts, last_error, event_id, resend_of, created_at, not_before, sent_at""";

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    // ---------------------------------------------------------------- fan-out: the log into emails

    /**
     * Creates the emails the events read after the fan-out position trigger, and moves the position
     * past them, in one transaction holding the position's row: one instance at a time. Answers how
     * many events were read, or null when another instance holds the position. An event whose email
     * exists already (a replay) adds nothing; a customer who opted out gets the required ones only.
     */
    public Uni<Integer> fanOut(Instant now, Duration recoveryDelay, Function<Optional<Position>, Uni<EventStore.Batch>> read) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT txid::text AS txid, event_id FROM notification_fanout WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .execute()
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    Optional<Position> from = row.getString("txid") == null ? Optional.empty()
                            : Optional.of(new Position(Long.parseUnsignedLong(row.getString("txid")), row.getLong("event_id")));
                    return read.apply(from).chain(batch -> insert(connection, batch.events(), now, recoveryDelay)
                            .chain(() -> batch.next().equals(from.orElse(null)) ? Uni.createFrom().voidItem()
                                    : connection.preparedQuery(
                                                    "UPDATE notification_fanout SET txid = $1::text::xid8, event_id = $2 WHERE id = 1")
                                            .execute(Tuple.of(Long.toUnsignedString(batch.next().transactionOrder()),
                                                    batch.next().id()))
                                            .replaceWithVoid())
                            .replaceWith(batch.events().size()));
                }));
    }

    private Uni<Void> insert(SqlConnection connection, List<OrderEvent> events, Instant now, Duration recoveryDelay) {
        List<UUID> orders = new ArrayList<>();
        List<String> types = new ArrayList<>(), subjects = new ArrayList<>(), details = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        List<Long> eventIds = new ArrayList<>();
        List<Boolean> required = new ArrayList<>();
        List<OffsetDateTime> notBefore = new ArrayList<>();
        for (OrderEvent event : events) {
            NotificationType.of(event).ifPresent(trigger -> {
                orders.add(event.orderId());
                types.add(trigger.type().name());
                subjects.add(trigger.subject());
                details.add(trigger.detail());
                progress.add(trigger.type().progress());
                eventIds.add(event.id());
                required.add(trigger.type().required());
                notBefore.add(at(trigger.type() == NotificationType.CHECKOUT_RECOVERY
                        ? event.occurredAt().plus(recoveryDelay) : now));
            });
        }
        if (orders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO notifications (order_id, type, subject, progress, event_id, recipient, detail, state,
                                                   not_before, created_at)
                        SELECT x.order_id, x.type, x.subject, x.progress, x.event_id, o.email, x.detail,
                               CASE WHEN p.order_updates = false AND NOT x.required THEN 'SUPPRESSED' ELSE 'PENDING' END,
                               x.not_before, $9
                        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int4[], $5::int8[], $6::text[], $7::bool[],
                                    $8::timestamptz[])
                             AS x(order_id, type, subject, progress, event_id, detail, required, not_before)
                        JOIN orders o ON o.id = x.order_id
                        LEFT JOIN notification_preferences p ON p.customer_id = o.customer_id
                        ORDER BY x.event_id
                        ON CONFLICT (order_id, type, subject) WHERE resend_of IS NULL DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(orders.toArray(UUID[]::new), types.toArray(String[]::new),
                        subjects.toArray(String[]::new), progress.toArray(Integer[]::new), eventIds.toArray(Long[]::new),
                        details.toArray(String[]::new), required.toArray(Boolean[]::new),
                        notBefore.toArray(OffsetDateTime[]::new), at(now))))
                .replaceWithVoid();
    }

    // ---------------------------------------------------------------- sending

    /**
     * Claims up to {@code limit} due emails for one attempt each, until {@code leaseUntil}, oldest
     * first, never one another instance holds, and per order only the earliest still pending: an
     * order's emails go one after the other, in the order of their events, whichever instances send
     * them. First, in the same transaction, a due email that is
     * stale is set aside (SUPERSEDED): one whose order (or shipment) already has a later email, and a
     * recovery email whose checkout was recovered meanwhile.
     */
    public Uni<List<Claimed>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                                UPDATE notifications n SET state = 'SUPERSEDED', claimed_until = NULL
                                WHERE n.state = 'PENDING' AND n.not_before <= $1 AND n.resend_of IS NULL
                                  AND (n.progress > 0 AND EXISTS (
                                           SELECT 1 FROM notifications m
                                           WHERE m.order_id = n.order_id AND m.resend_of IS NULL AND m.progress > n.progress
                                             AND (m.subject = n.subject OR m.subject = ''))
                                       OR n.type = 'CHECKOUT_RECOVERY' AND EXISTS (
                                           SELECT 1 FROM orders o WHERE o.id = n.order_id AND o.recovered_by IS NOT NULL))""")
                        .execute(Tuple.of(at(now)))
                        .chain(() -> connection.preparedQuery("""
                                        UPDATE notifications n SET claimed_until = $2, attempts = n.attempts + 1
                                        FROM orders o
                                        WHERE o.id = n.order_id AND n.id IN (
                                            SELECT c.id FROM notifications c
                                            WHERE c.state = 'PENDING' AND c.not_before <= $1
                                              AND (c.claimed_until IS NULL OR c.claimed_until < $1)
                                              AND NOT EXISTS (SELECT 1 FROM notifications e
                                                              WHERE e.order_id = c.order_id AND e.id < c.id
                                                                AND e.state = 'PENDING')
                                            ORDER BY c.not_before, c.id LIMIT $3 FOR UPDATE SKIP LOCKED)
                                        RETURNING n.id, n.order_id, n.type, n.subject, n.recipient, n.detail, n.attempts,
                                                  n.not_before, o.tracking_token, o.language, o.customer_id, o.number,
                                                  o.updated_at""")
                                .execute(Tuple.of(at(now), at(leaseUntil), limit))))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getLong("id"), row.getUUID("order_id"),
                                NotificationType.valueOf(row.getString("type")), row.getString("subject"),
                                row.getString("recipient"), row.getString("detail"), row.getInteger("attempts"),
                                row.getString("tracking_token"), row.getString("language"), row.getString("customer_id"),
                                row.getLong("number"), row.getOffsetDateTime("updated_at").toInstant()));
                    }
                    claimed.sort(java.util.Comparator.comparingLong(Claimed::id));
                    return claimed;
                });
    }

    public Uni<Void> markSent(long id, Instant now) {
        return pool.preparedQuery("""
                        UPDATE notifications SET state = 'SENT', sent_at = $2, claimed_until = NULL, last_error = NULL
                        WHERE id = $1 AND state = 'PENDING'""")
                .execute(Tuple.of(id, at(now)))
                .replaceWithVoid();
    }

    /** The attempt failed: try again at {@code retryAt}. */
    public Uni<Void> markFailed(long id, String error, Instant retryAt) {
        return pool.preparedQuery("""
                        UPDATE notifications SET claimed_until = NULL, last_error = $2, not_before = $3
                        WHERE id = $1 AND state = 'PENDING'""")
                .execute(Tuple.of(id, truncate(error, 500), at(retryAt)))
                .replaceWithVoid();
    }

    // ---------------------------------------------------------------- staff

    /** Every email of one order, oldest first. */
    public Uni<List<Logged>> ofOrder(UUID orderId) {
        return pool.preparedQuery("SELECT " + LOGGED_COLUMNS + " FROM notifications WHERE order_id = $1 ORDER BY id")
                .execute(Tuple.of(orderId))
                .map(NotificationRepository::logged);
    }

    /**
     * A new email like the latest of this type for the order, to its current address, due at once
     * (suppressed when the customer opted out and it is not required); empty when the order never had
     * one of this type.
     */
    public Uni<Optional<Logged>> resend(UUID orderId, NotificationType type, Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO notifications (order_id, type, subject, progress, event_id, resend_of, recipient, detail,
                                                   state, not_before, created_at)
                        SELECT n.order_id, n.type, n.subject, 0, n.event_id, n.id, o.email, n.detail,
                               CASE WHEN p.order_updates = false AND NOT $3 THEN 'SUPPRESSED' ELSE 'PENDING' END, $4, $4
                        FROM notifications n
                        JOIN orders o ON o.id = n.order_id
                        LEFT JOIN notification_preferences p ON p.customer_id = o.customer_id
                        WHERE n.order_id = $1 AND n.type = $2 AND n.resend_of IS NULL
                        ORDER BY n.id DESC LIMIT 1
                        RETURNING\s""" + LOGGED_COLUMNS)
                .execute(Tuple.of(orderId, type.name(), type.required(), at(now)))
                .map(rows -> logged(rows).stream().findFirst());
    }

    // ---------------------------------------------------------------- preferences

    /** Whether the customer wants order updates by email; empty: never said (yes). */
    public Uni<Optional<Boolean>> orderUpdates(String customerId) {
        return pool.preparedQuery("SELECT order_updates FROM notification_preferences WHERE customer_id = $1")
                .execute(Tuple.of(customerId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getBoolean("order_updates")));
    }

    public Uni<Void> setOrderUpdates(String customerId, boolean orderUpdates, Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO notification_preferences (customer_id, order_updates, updated_at) VALUES ($1, $2, $3)
                        ON CONFLICT (customer_id) DO UPDATE SET order_updates = EXCLUDED.order_updates,
                                                                updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(customerId, orderUpdates, at(now)))
                .replaceWithVoid();
    }

    // ---------------------------------------------------------------- rows

    private static List<Logged> logged(RowSet<Row> rows) {
        List<Logged> logged = new ArrayList<>();
        for (Row row : rows) {
            logged.add(new Logged(row.getLong("id"), NotificationType.valueOf(row.getString("type")).key(),
                    row.getString("subject"), row.getString("recipient"), row.getString("state"),
                    row.getInteger("attempts"), row.getString("last_error"), row.getLong("event_id"),
                    row.getLong("resend_of"), instant(row, "created_at"), instant(row, "not_before"),
                    instant(row, "sent_at")));
        }
        return logged;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
