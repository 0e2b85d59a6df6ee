package dev.orderstream.webhook;

import dev.orderstream.event.EventStore;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.event.Position;
import io.smallrye.mutiny.Uni;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook tables ({@code webhook_endpoints}, {@code webhook_deliveries}, {@code webhook_attempts},
 * {@code webhook_fanout}): the one class that reads or writes them, on the Vert.x client.
 */
@ApplicationScoped
public class WebhookRepository {

    /** A delivery claimed for one attempt, with what sending it needs. */
    public record Claimed(long id, UUID endpointId, long eventId, UUID orderId, int sequence, int attempt,
                          Instant createdAt, WebhookEndpoint endpoint) {
    }

    /** One delivery as the log shows it, with its last attempt. */
    @io.quarkus.runtime.annotations.RegisterForReflection // answered inside a Page
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One event's delivery to the endpoint, with every attempt")
    public record LoggedDelivery(long id, long eventId, UUID orderId, int sequence, String type, String status,
                                 int attempts, Instant createdAt, Instant nextAttemptAt, Instant completedAt,
                                 List<LoggedAttempt> attemptsMade) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One attempt to deliver: when, the status code, how long, the error")
    public record LoggedAttempt(int attempt, Instant at, Integer statusCode, int latencyMs, String error,
                                String responseExcerpt) {
    }

    /** What an attempt got, and what becomes of the delivery. */
    public record Outcome(Instant at, Integer statusCode, int latencyMs, String error, String responseExcerpt,
                          String status, Instant nextAttemptAt) {
    }

    private static final String ENDPOINT_COLUMNS = """
            e.id, e.url, e.events, e.description, e.enabled, e.disabled_reason, e.disabled_at, e.secret, e.previous_secret,
            e.previous_secret_until, e.created_at, e.updated_at""";

    private final Pool pool;
    private final Pool bookkeeping;

    /**
     * {@code bookkeeping} is the {@code webhooks} datasource: the same database, but its commits do not
     * wait for the WAL to reach the disk ({@code synchronous_commit=off}). The fan-out, the claims and
     * the attempts' outcomes go there: a PostgreSQL crash can lose their last fraction of a second,
     * and then what was lost is done again (deliveries re-created from the log, attempts sent again:
     * at least once, deduplicated by {@code webhook-id}), while the event log and what merchants
     * change (endpoints, redeliveries, replays) stay on the default pool's durable commits. Waiting
     * for a flush per attempt would make every delivery cost the disk what a group-committed batch of
     * placements costs it.
     */
    public WebhookRepository(Pool pool, @ReactiveDataSource("webhooks") Pool bookkeeping) {
        this.pool = pool;
        this.bookkeeping = bookkeeping;
    }

    // ---------------------------------------------------------------- endpoints

    /** A new endpoint, which gets the events after {@code start} in the log (those committed after it exists). */
    public Uni<WebhookEndpoint> insert(WebhookEndpoint endpoint, Position start) {
        return pool.preparedQuery("""
                        INSERT INTO webhook_endpoints (id, url, events, description, enabled, secret, start_txid,
                                                       start_event_id, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7::text::xid8, $8, $9, $9)""")
                .execute(Tuple.from(Arrays.asList(endpoint.id(), endpoint.url(), endpoint.events().toArray(String[]::new),
                        endpoint.description(), endpoint.enabled(), endpoint.secret(),
                        Long.toUnsignedString(start.transactionOrder()), start.id(), at(endpoint.createdAt()))))
                .replaceWith(endpoint);
    }

    public Uni<Optional<WebhookEndpoint>> find(UUID id) {
        return pool.preparedQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints e WHERE e.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(endpointOf(rows.iterator().next())));
    }

    public Uni<List<WebhookEndpoint>> list() {
        return pool.query("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints e ORDER BY e.created_at, e.id")
                .execute()
                .map(rows -> {
                    List<WebhookEndpoint> endpoints = new ArrayList<>();
                    rows.forEach(row -> endpoints.add(endpointOf(row)));
                    return endpoints;
                });
    }

    /**
     * Saves what may change of an endpoint: URL, events, description, enabled state, secrets; when the
     * enabled state flips, the same statement records it ({@code webhook_endpoint.enabled} or
     * {@code .disabled}). The before-image is read without FOR UPDATE: a row this statement locks
     * itself would be skipped by its own UPDATE.
     */
    public Uni<Void> update(WebhookEndpoint endpoint) {
        return pool.preparedQuery("""
                        WITH before AS (SELECT enabled FROM webhook_endpoints WHERE id = $1),
                             saved AS (
                                 UPDATE webhook_endpoints SET url = $2, events = $3, description = $4, enabled = $5,
                                        disabled_reason = $6, disabled_at = $7, secret = $8, previous_secret = $9,
                                        previous_secret_until = $10, updated_at = $11,
                                        consecutive_failures = CASE WHEN $5 THEN 0 ELSE consecutive_failures END,
                                        failing_since = CASE WHEN $5 THEN NULL ELSE failing_since END
                                 WHERE id = $1 RETURNING id, enabled)
                        INSERT INTO webhook_endpoint_events (endpoint_id, type, reason, occurred_at)
                        SELECT saved.id, CASE WHEN saved.enabled THEN 'webhook_endpoint.enabled'
                                              ELSE 'webhook_endpoint.disabled' END,
                               CASE WHEN saved.enabled THEN NULL ELSE $6 END, $11
                        FROM saved, before WHERE saved.enabled <> before.enabled""")
                .execute(Tuple.from(Arrays.asList(endpoint.id(), endpoint.url(), endpoint.events().toArray(String[]::new),
                        endpoint.description(), endpoint.enabled(), endpoint.disabledReason(), at(endpoint.disabledAt()),
                        endpoint.secret(), endpoint.previousSecret(), at(endpoint.previousSecretUntil()),
                        at(endpoint.updatedAt()))))
                .replaceWithVoid();
    }

    /**
     * Disables an endpoint, saying why, and records a {@code webhook_endpoint.disabled} event in the
     * same statement; its deliveries wait. Nothing happens to an endpoint that is disabled already.
     */
    public Uni<Void> disable(UUID id, String reason, Instant now) {
        return pool.preparedQuery("""
                        WITH disabled AS (
                            UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = $3,
                                   updated_at = $3
                            WHERE id = $1 AND enabled RETURNING id)
                        INSERT INTO webhook_endpoint_events (endpoint_id, type, reason, occurred_at)
                        SELECT id, 'webhook_endpoint.disabled', $2, $3 FROM disabled""")
                .execute(Tuple.of(id, reason, at(now)))
                .replaceWithVoid();
    }

    /** What happened to an endpoint itself (disabled, enabled), oldest first. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Something that happened to the endpoint itself (disabled, enabled, secret rotated)")
    public record EndpointEvent(long id, String type, String reason, Instant occurredAt) {
    }

    public Uni<List<EndpointEvent>> history(UUID endpointId) {
        return pool.preparedQuery("""
                        SELECT id, type, reason, occurred_at FROM webhook_endpoint_events
                        WHERE endpoint_id = $1 ORDER BY id""")
                .execute(Tuple.of(endpointId))
                .map(rows -> {
                    List<EndpointEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(new EndpointEvent(row.getLong("id"), row.getString("type"),
                            row.getString("reason"), instant(row, "occurred_at"))));
                    return events;
                });
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM webhook_endpoints WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    // ---------------------------------------------------------------- fan-out: the log into deliveries

    /**
     * Creates deliveries for events read from the log after the fan-out position, and moves the
     * position past them, in one transaction that holds the position's row: one instance at a time.
     * {@code read} gets the position (empty: none yet) and whether any endpoint exists, and answers
     * the events to fan out and the position after them. Answers how many events were read and
     * whether any endpoint exists; null when another instance holds the position.
     */
    public Uni<FannedOut> fanOut(Instant now, java.util.function.BiFunction<Optional<Position>, Boolean, Uni<EventStore.Batch>> read) {
        return bookkeeping.withTransaction(connection -> connection
                .preparedQuery("""
                        SELECT txid::text AS txid, event_id, EXISTS (SELECT 1 FROM webhook_endpoints) AS any_endpoint
                        FROM webhook_fanout WHERE id = 1 FOR UPDATE SKIP LOCKED""")
                .execute()
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    boolean anyEndpoint = row.getBoolean("any_endpoint");
                    Optional<Position> from = row.getString("txid") == null ? Optional.empty()
                            : Optional.of(new Position(Long.parseUnsignedLong(row.getString("txid")), row.getLong("event_id")));
                    return read.apply(from, anyEndpoint).chain(batch -> createDeliveries(connection, batch.events(), now)
                            .chain(() -> batch.next().equals(from.orElse(null)) ? Uni.createFrom().voidItem()
                                    : connection.preparedQuery("UPDATE webhook_fanout SET txid = $1::text::xid8, event_id = $2 WHERE id = 1")
                                            .execute(Tuple.of(Long.toUnsignedString(batch.next().transactionOrder()),
                                                    batch.next().id()))
                                            .replaceWithVoid())
                            .replaceWith(new FannedOut(batch.events().size(), anyEndpoint)));
                }));
    }

    /** What one fan-out did: how many events it read, and whether any endpoint exists. */
    public record FannedOut(int read, boolean anyEndpoint) {
    }


    private Uni<Void> createDeliveries(SqlConnection connection, List<OrderEvent> events, Instant now) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return insertDeliveries(connection, events, now, null).replaceWithVoid();
    }

    /**
     * Deliveries of {@code events} to every subscribed endpoint registered before them, or (a replay)
     * to {@code onlyTo} whenever it was registered; how many.
     */
    private Uni<Integer> insertDeliveries(SqlConnection connection, List<OrderEvent> events, Instant now, UUID onlyTo) {
        return connection.preparedQuery("""
                        INSERT INTO webhook_deliveries (endpoint_id, event_id, order_id, sequence, type, status,
                                                        next_attempt_at, created_at)
                        SELECT e.id, x.event_id, x.order_id, x.sequence, x.type, 'PENDING', $5, $5
                        FROM unnest($1::int8[], $2::uuid[], $3::int4[], $4::text[], $7::text[])
                             AS x(event_id, order_id, sequence, type, txid)
                        JOIN webhook_endpoints e ON ('order.*' = ANY (e.events) AND x.type LIKE 'order.%' OR x.type = ANY (e.events))
                                                 AND ($6::uuid IS NULL AND (x.txid::xid8, x.event_id) > (e.start_txid, e.start_event_id)
                                                      OR e.id = $6)
                        ORDER BY x.event_id, e.id""")
                .execute(Tuple.from(Arrays.asList(events.stream().map(OrderEvent::id).toArray(Long[]::new),
                        events.stream().map(OrderEvent::orderId).toArray(UUID[]::new),
                        events.stream().map(OrderEvent::sequence).toArray(Integer[]::new),
                        events.stream().map(OrderEvent::type).toArray(String[]::new),
                        at(now), onlyTo,
                        events.stream().map(event -> Long.toUnsignedString(event.position().transactionOrder()))
                                .toArray(String[]::new))))
                .map(rows -> rows.rowCount());
    }

    // ---------------------------------------------------------------- delivery

    /**
     * Claims up to {@code limit} due deliveries for one attempt each, until {@code leaseUntil}: per
     * endpoint and order only the earliest pending one (so event n+1 never goes before event n was
     * acknowledged), per endpoint no more than {@code perEndpoint} claimed at once across instances,
     * and never one another instance holds ({@code SKIP LOCKED}; its lease not run out).
     */
    public Uni<List<Claimed>> claimDue(Instant now, int perEndpoint, int limit, Instant leaseUntil) {
        return bookkeeping.preparedQuery("""
                        WITH candidates AS (
                            -- per enabled endpoint, its earliest due deliveries that head their order
                            -- (no earlier one of the order still pending), as many as it has room for;
                            -- each endpoint looked at on its own, so one's backlog starves no other
                            SELECT picked.id, picked.next_attempt_at
                            FROM webhook_endpoints e
                            CROSS JOIN LATERAL (
                                SELECT d.id, d.next_attempt_at
                                FROM webhook_deliveries d
                                WHERE d.endpoint_id = e.id AND d.status = 'PENDING' AND d.next_attempt_at <= $1
                                  AND (d.claimed_until IS NULL OR d.claimed_until < $1)
                                  -- the head of its order, as a subplan probing the per-order index for
                                  -- each row (as NOT EXISTS the planner may turn it into a join that
                                  -- scans the whole backlog per row when statistics are stale). The
                                  -- endpoint is compared in a form no index can serve, so that the
                                  -- order's index is the only one to look in: offered the due-time
                                  -- index's endpoint_id, the planner, with stale statistics, read the
                                  -- endpoint's whole backlog for every candidate (V11)
                                  AND (d.sequence, d.id) = (SELECT p.sequence, p.id FROM webhook_deliveries p
                                                            WHERE p.order_id = d.order_id AND p.status = 'PENDING'
                                                              AND (p.endpoint_id = d.endpoint_id) IS TRUE
                                                            ORDER BY p.sequence, p.id LIMIT 1)
                                ORDER BY d.next_attempt_at, d.id
                                LIMIT greatest($2 - (SELECT count(*) FROM webhook_deliveries c
                                                     WHERE c.endpoint_id = e.id AND c.status = 'PENDING'
                                                       AND c.claimed_until >= $1), 0)
                            ) picked
                            WHERE e.enabled
                            ORDER BY picked.next_attempt_at, picked.id
                            LIMIT $3
                        ), claimable AS (
                            SELECT d.id FROM webhook_deliveries d
                            WHERE d.id IN (SELECT id FROM candidates) AND d.status = 'PENDING'
                              AND (d.claimed_until IS NULL OR d.claimed_until < $1)
                            FOR UPDATE SKIP LOCKED
                        )
                        UPDATE webhook_deliveries d SET claimed_until = $4, attempts = d.attempts + 1
                        FROM claimable, webhook_endpoints e
                        WHERE d.id = claimable.id AND e.id = d.endpoint_id
                        RETURNING d.id AS delivery_id, d.endpoint_id, d.event_id, d.order_id, d.sequence, d.attempts,
                                  d.created_at AS delivery_created_at, """ + ENDPOINT_COLUMNS)
                .execute(Tuple.of(at(now), perEndpoint, limit, at(leaseUntil)))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(new Claimed(row.getLong("delivery_id"), row.getUUID("endpoint_id"),
                            row.getLong("event_id"), row.getUUID("order_id"), row.getInteger("sequence"),
                            row.getInteger("attempts"), instant(row, "delivery_created_at"), endpointOf(row))));
                    return claimed;
                });
    }

    /** An endpoint's failures in a row, and since when. */
    public record Streak(int failures, Instant since) {
    }

    /** An attempt made: the claimed delivery and what the attempt got. */
    public record Attempted(Claimed delivery, Outcome outcome) {
        boolean succeeded() {
            return "SUCCEEDED".equals(outcome.status());
        }
    }

    /**
     * Writes attempts to the log and what becomes of their deliveries (their claims end), and counts
     * them in their endpoints' streaks of failures (a success ends one), all in one statement: one
     * round trip and one commit for a batch of attempts, however many. Answers the streak of each
     * endpoint the batch changed; an endpoint with none before and only successes now is left alone
     * (so that concurrent successes to one endpoint do not queue on its row) and not in the answer.
     */
    public Uni<java.util.Map<UUID, Streak>> record(List<Attempted> attempts) {
        // per endpoint, in the order the attempts ended: whether a success ends the streak it had,
        // and the failures after the last success, since the first of them
        java.util.Map<UUID, StreakChange> streaks = new java.util.TreeMap<>();
        for (Attempted attempted : attempts) {
            StreakChange streak = streaks.computeIfAbsent(attempted.delivery().endpointId(), id -> new StreakChange());
            if (attempted.succeeded()) {
                streak.reset = true;
                streak.failed = 0;
                streak.since = null;
            } else {
                streak.failed++;
                if (streak.since == null) {
                    streak.since = at(attempted.outcome().at());
                }
            }
        }
        return bookkeeping.preparedQuery("""
                        WITH made AS (
                            SELECT * FROM unnest($1::int8[], $2::int4[], $3::timestamptz[], $4::int4[], $5::int4[],
                                                 $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[])
                                AS x(delivery_id, attempt, attempted_at, status_code, latency_ms, error, response_excerpt,
                                     status, next_attempt_at, completed_at)),
                        attempt AS (
                            INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms,
                                                          error, response_excerpt)
                            SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, error, response_excerpt
                            FROM made),
                        delivery AS (
                            UPDATE webhook_deliveries d SET status = made.status, next_attempt_at = made.next_attempt_at,
                                   claimed_until = NULL, completed_at = made.completed_at
                            FROM made WHERE d.id = made.delivery_id)
                        UPDATE webhook_endpoints e
                        SET consecutive_failures = CASE WHEN s.reset THEN s.failed ELSE e.consecutive_failures + s.failed END,
                            failing_since = CASE WHEN s.failed = 0 THEN NULL
                                                 WHEN s.reset THEN s.since
                                                 ELSE coalesce(e.failing_since, s.since) END
                        FROM unnest($11::uuid[], $12::bool[], $13::int4[], $14::timestamptz[]) AS s(endpoint_id, reset, failed, since)
                        WHERE e.id = s.endpoint_id AND (s.failed > 0 OR e.consecutive_failures <> 0 OR e.failing_since IS NOT NULL)
                        RETURNING e.id, e.consecutive_failures, e.failing_since""")
                .execute(Tuple.from(Arrays.asList(
                        attempts.stream().map(a -> a.delivery().id()).toArray(Long[]::new),
                        attempts.stream().map(a -> a.delivery().attempt()).toArray(Integer[]::new),
                        attempts.stream().map(a -> at(a.outcome().at())).toArray(OffsetDateTime[]::new),
                        attempts.stream().map(a -> a.outcome().statusCode()).toArray(Integer[]::new),
                        attempts.stream().map(a -> a.outcome().latencyMs()).toArray(Integer[]::new),
                        attempts.stream().map(a -> a.outcome().error()).toArray(String[]::new),
                        attempts.stream().map(a -> a.outcome().responseExcerpt()).toArray(String[]::new),
                        attempts.stream().map(a -> a.outcome().status()).toArray(String[]::new),
                        attempts.stream().map(a -> at(a.outcome().nextAttemptAt())).toArray(OffsetDateTime[]::new),
                        attempts.stream().map(a -> "PENDING".equals(a.outcome().status()) ? null : at(a.outcome().at()))
                                .toArray(OffsetDateTime[]::new),
                        streaks.keySet().toArray(UUID[]::new),
                        streaks.values().stream().map(streak -> streak.reset).toArray(Boolean[]::new),
                        streaks.values().stream().map(streak -> streak.failed).toArray(Integer[]::new),
                        streaks.values().stream().map(streak -> streak.since).toArray(OffsetDateTime[]::new))))
                .map(rows -> {
                    java.util.Map<UUID, Streak> changed = new java.util.HashMap<>();
                    rows.forEach(row -> changed.put(row.getUUID("id"),
                            new Streak(row.getInteger("consecutive_failures"), instant(row, "failing_since"))));
                    return changed;
                });
    }

    /** What a batch does to one endpoint's streak: whether a success ends it, then the failures after. */
    private static final class StreakChange {
        boolean reset;
        int failed;
        OffsetDateTime since;
    }

    /** The same event sent again to the same endpoint: a new delivery, due now; empty if there is no such delivery. */
    public Uni<Optional<Long>> redeliver(long deliveryId, Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO webhook_deliveries (endpoint_id, event_id, order_id, sequence, type, status,
                                                        next_attempt_at, created_at)
                        SELECT endpoint_id, event_id, order_id, sequence, type, 'PENDING', $2, $2
                        FROM webhook_deliveries WHERE id = $1
                        RETURNING id""")
                .execute(Tuple.of(deliveryId, at(now)))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
    }

    /** Deliveries of these events to one endpoint (those of the types it subscribes to); how many. */
    public Uni<Integer> replay(UUID endpointId, List<OrderEvent> events, Instant now) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> insertDeliveries(connection, events, now, endpointId));
    }

    /** Per endpoint: pending deliveries and the age of the oldest; and the disabled endpoints. */
    public record Backlog(UUID endpointId, String url, boolean enabled, String disabledReason, long pending,
                          Instant oldestPending) {
    }

    public Uni<List<Backlog>> backlog() {
        return pool.query("""
                        SELECT e.id, e.url, e.enabled, e.disabled_reason,
                               count(d.id) AS pending, min(d.created_at) AS oldest
                        FROM webhook_endpoints e
                        LEFT JOIN webhook_deliveries d ON d.endpoint_id = e.id AND d.status = 'PENDING'
                        GROUP BY e.id ORDER BY e.created_at, e.id""")
                .execute()
                .map(rows -> {
                    List<Backlog> backlog = new ArrayList<>();
                    rows.forEach(row -> backlog.add(new Backlog(row.getUUID("id"), row.getString("url"),
                            row.getBoolean("enabled"), row.getString("disabled_reason"), row.getLong("pending"),
                            instant(row, "oldest"))));
                    return backlog;
                });
    }

    // ---------------------------------------------------------------- the log

    /** An endpoint's deliveries, newest first, after {@code beforeId} (a cursor), with their attempts. */
    public Uni<List<LoggedDelivery>> deliveries(UUID endpointId, String status, UUID orderId, Long beforeId, int limit) {
        return pool.preparedQuery("""
                        SELECT d.id, d.event_id, d.order_id, d.sequence, d.type, d.status, d.attempts, d.created_at,
                               d.next_attempt_at, d.completed_at,
                               (SELECT coalesce(json_agg(json_build_array(a.attempt, a.attempted_at, a.status_code,
                                                                          a.latency_ms, a.error, a.response_excerpt)
                                                         ORDER BY a.attempt), '[]')
                                FROM webhook_attempts a WHERE a.delivery_id = d.id) AS made
                        FROM webhook_deliveries d
                        WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2)
                          AND ($3::uuid IS NULL OR d.order_id = $3) AND ($4::int8 IS NULL OR d.id < $4)
                        ORDER BY d.id DESC
                        LIMIT $5""")
                .execute(Tuple.from(Arrays.asList(endpointId, status, orderId, beforeId, limit)))
                .map(rows -> {
                    List<LoggedDelivery> deliveries = new ArrayList<>();
                    rows.forEach(row -> {
                        List<LoggedAttempt> attempts = new ArrayList<>();
                        row.getJsonArray("made").forEach(item -> {
                            var attempt = (io.vertx.core.json.JsonArray) item;
                            attempts.add(new LoggedAttempt(attempt.getInteger(0), OffsetDateTime.parse(attempt.getString(1)).toInstant(),
                                    attempt.getInteger(2), attempt.getInteger(3), attempt.getString(4), attempt.getString(5)));
                        });
                        deliveries.add(new LoggedDelivery(row.getLong("id"), row.getLong("event_id"), row.getUUID("order_id"),
                                row.getInteger("sequence"), row.getString("type"), row.getString("status"),
                                row.getInteger("attempts"), instant(row, "created_at"), instant(row, "next_attempt_at"),
                                instant(row, "completed_at"), attempts));
                    });
                    return deliveries;
                });
    }

    // ---------------------------------------------------------------- mapping

    private static WebhookEndpoint endpointOf(Row row) {
        return new WebhookEndpoint(row.getUUID("id"), row.getString("url"), List.of(row.getArrayOfStrings("events")),
                row.getString("description"), row.getBoolean("enabled"), row.getString("disabled_reason"),
                instant(row, "disabled_at"), row.getString("secret"), row.getString("previous_secret"), instant(row, "previous_secret_until"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
