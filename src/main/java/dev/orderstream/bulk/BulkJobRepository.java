package dev.orderstream.bulk;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of {@code bulk_jobs} and {@code bulk_job_items}, and nothing else's. */
@ApplicationScoped
public class BulkJobRepository {

    /**
     * A job's columns but its selector: read once, when the job starts ({@link #selector}). A
     * selector naming 10,000 orders is some 370 KB of JSON, and decoding it on every read (each
     * batch, each progress tick, each order's result) cost more than the orders' own changes. For
     * the same reason the params come without a fulfill job's {@code items} (each order's shipment):
     * each order's own is stored with its item when the job starts ({@link #start}).
     */
    private static final String COLUMNS = """
            id, operation, params - 'items' AS params, error_policy, dry_run, state, total, succeeded, failed, skipped,
            cancel_requested, failure, created_by, created_at, started_at, finished_at""";

    /**
     * One order of a job, by its position in the job, with what is its own in the job: an import's
     * item is a line of its file (no order yet); a fulfill job's, its shipment from {@code params.items}.
     */
    public record Item(int position, UUID orderId, JsonObject line) {
    }

    /** A job's result for one order: {@code problem} is the problem JSON of a failed one. */
    public record Result(int position, UUID orderId, String state, JsonObject problem, String note, Instant finishedAt) {
    }

    private final Pool pool;

    public BulkJobRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a new job, queued, with what selects its orders, in the caller's transaction (with its
     * Idempotency-Key, if any).
     */
    public Uni<Void> insert(BulkJob job, JsonObject selector) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO bulk_jobs (id, operation, selector, params, error_policy, dry_run, state,
                                               created_by, created_at)
                        VALUES (:id, :operation, CAST(CAST(:selector AS text) AS jsonb),
                                CAST(CAST(:params AS text) AS jsonb), :policy, :dryRun, 'queued', :by, :at)""")
                .setParameter("id", job.id())
                .setParameter("operation", job.operation().wire())
                .setParameter("selector", selector.encode())
                .setParameter("params", job.params().encode())
                .setParameter("policy", job.stopOnError() ? "stop" : "continue")
                .setParameter("dryRun", job.dryRun())
                .setParameter("by", job.createdBy())
                .setParameter("at", utc(job.createdAt()))
                .executeUpdate()).replaceWithVoid();
    }

    /** An import's lines as its items, pending, in the file's order, in the caller's transaction. */
    public Uni<Void> insertLines(UUID id, List<JsonObject> lines) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO bulk_job_items (job_id, position, state, line)
                        SELECT :id, t.position, 'pending', t.line
                        FROM jsonb_array_elements(CAST(CAST(:lines AS text) AS jsonb)) WITH ORDINALITY AS t(line, position)""")
                .setParameter("id", id)
                .setParameter("lines", new io.vertx.core.json.JsonArray(new ArrayList<>(lines)).encode())
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Optional<BulkJob>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM bulk_jobs WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
    }

    /** What selects the job's orders ({@code orderIds} or a {@code filter}), as the request said it. */
    public Uni<JsonObject> selector(UUID id) {
        return pool.preparedQuery("SELECT selector FROM bulk_jobs WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> (JsonObject) rows.iterator().next().getValue("selector"));
    }

    /**
     * Takes the oldest open job no live instance is working on, for {@code lease}: a job whose
     * instance died is taken over once its lease runs out.
     */
    public Uni<Optional<BulkJob>> claim(String instance, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE bulk_jobs SET leased_by = $1, leased_until = now() + make_interval(secs => $2)
                        WHERE id = (SELECT id FROM bulk_jobs
                                    WHERE state IN ('queued', 'running')
                                      AND (leased_until IS NULL OR leased_until < now())
                                    ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(instance, (double) lease.toSeconds()))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
    }

    /** Keeps the lease while working; false when another instance took the job over meanwhile. */
    public Uni<Boolean> renew(UUID id, String instance, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE bulk_jobs SET leased_until = now() + make_interval(secs => $3)
                        WHERE id = $1 AND leased_by = $2""")
                .execute(Tuple.of(id, instance, (double) lease.toSeconds()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Runs {@code work} in one transaction on one connection (a job's change and its event). */
    public <T> Uni<T> inTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work::apply);
    }

    /** A job after a change, and whether this change made it (false: another had, nothing changed). */
    public record Changed(BulkJob job, boolean changed) {
    }

    /**
     * Fixes the job's orders (in the order given), a fulfill job's each with its own shipment
     * ({@code params.items}: the first naming the order; other operations' params may hold anything
     * under that name), and marks the job running, on the caller's transaction; {@code changed} is
     * false when it was running already.
     */
    public Uni<Changed> start(SqlConnection connection, UUID id, List<UUID> orderIds) {
        return connection.preparedQuery("""
                                INSERT INTO bulk_job_items (job_id, position, order_id, state, line)
                                SELECT $1, t.position, t.order_id, 'pending', s.item
                                FROM unnest($2::uuid[]) WITH ORDINALITY AS t(order_id, position)
                                LEFT JOIN (SELECT DISTINCT ON (CAST(e.item ->> 'orderId' AS uuid))
                                                  CAST(e.item ->> 'orderId' AS uuid) AS order_id, e.item
                                           FROM bulk_jobs j,
                                                jsonb_array_elements(CASE WHEN j.operation = 'fulfill'
                                                    THEN j.params -> 'items' END) WITH ORDINALITY AS e(item, n)
                                           WHERE j.id = $1
                                           ORDER BY CAST(e.item ->> 'orderId' AS uuid), e.n) s ON s.order_id = t.order_id
                                ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(id, orderIds.toArray(UUID[]::new)))
                        .chain(() -> connection.preparedQuery("""
                                        UPDATE bulk_jobs SET state = 'running', started_at = now(),
                                               total = (SELECT count(*) FROM bulk_job_items WHERE job_id = $1)
                                        WHERE id = $1 AND state = 'queued'
                                        RETURNING\s""" + COLUMNS)
                                .execute(Tuple.of(id)))
                .chain(rows -> changed(id, rows));
    }

    private Uni<Changed> changed(UUID id, RowSet<Row> rows) {
        return rows.rowCount() == 1 ? Uni.createFrom().item(new Changed(job(rows.iterator().next()), true))
                : find(id).map(job -> new Changed(job.orElseThrow(), false));
    }

    /** The next orders still to do, in order. */
    public Uni<List<Item>> pending(UUID id, int limit) {
        return pool.preparedQuery("""
                        SELECT position, order_id, line FROM bulk_job_items
                        WHERE job_id = $1 AND state = 'pending' ORDER BY position LIMIT $2""")
                .execute(Tuple.of(id, limit))
                .map(rows -> {
                    List<Item> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(new Item(row.getInteger("position"), row.getUUID("order_id"),
                            (JsonObject) row.getValue("line"))));
                    return items;
                });
    }

    /**
     * One order's result (with the order an import line made or found, and a note such as "imported
     * before"), and the job's count of it: one statement, so one round trip and atomic without a
     * transaction of its own. An item recorded already (by an instance that lost the job's lease)
     * is neither changed nor counted again.
     */
    public Uni<Void> record(UUID id, int position, boolean succeeded, JsonObject problem, UUID orderId, String note) {
        // one statement text for both outcomes (one prepared statement), the counter chosen by $3
        return pool.preparedQuery("""
                        WITH item AS (
                            UPDATE bulk_job_items SET state = $3, problem = CAST(CAST($4 AS text) AS jsonb),
                                   finished_at = now(), order_id = coalesce($5, order_id), note = $6
                            WHERE job_id = $1 AND position = $2 AND state = 'pending'
                            RETURNING 1)
                        UPDATE bulk_jobs SET succeeded = succeeded + CASE WHEN $3 = 'succeeded' THEN 1 ELSE 0 END,
                                             failed = failed + CASE WHEN $3 = 'failed' THEN 1 ELSE 0 END
                        WHERE id = $1 AND EXISTS (SELECT FROM item)""")
                .execute(Tuple.of(id, position, succeeded ? "succeeded" : "failed", problem == null ? null : problem.encode())
                        .addUUID(orderId).addString(note))
                .replaceWithVoid();
    }

    /**
     * Ends the job on the caller's transaction: what is left is skipped (after a stop, a
     * cancellation or a failure); {@code changed} is false when it had ended already.
     */
    public Uni<Changed> finish(SqlConnection connection, UUID id, BulkJobState state, String failure) {
        return connection.preparedQuery("""
                                UPDATE bulk_job_items SET state = 'skipped', finished_at = now()
                                WHERE job_id = $1 AND state = 'pending'""")
                        .execute(Tuple.of(id))
                        .chain(skipped -> connection.preparedQuery("""
                                        UPDATE bulk_jobs SET state = $2, skipped = skipped + $3, failure = $4,
                                               finished_at = now(), started_at = coalesce(started_at, now()),
                                               leased_by = NULL, leased_until = NULL
                                        WHERE id = $1 AND state IN ('queued', 'running') RETURNING\s""" + COLUMNS)
                                .execute(Tuple.of(id, state.wire(), skipped.rowCount(), failure)))
                .chain(rows -> changed(id, rows));
    }

    /** Asks an open job to stop between orders; the job as it is now, if it exists. */
    public Uni<Optional<BulkJob>> requestCancellation(UUID id) {
        return pool.preparedQuery("""
                        UPDATE bulk_jobs SET cancel_requested = true
                        WHERE id = $1 AND state IN ('queued', 'running')""")
                .execute(Tuple.of(id))
                .chain(() -> find(id));
    }

    /** A page of results in position order, after {@code afterPosition}, optionally of one state. */
    public Uni<List<Result>> results(UUID id, String state, int afterPosition, int limit) {
        return pool.preparedQuery("""
                        SELECT position, order_id, state, problem, note, finished_at FROM bulk_job_items
                        WHERE job_id = $1 AND position > $2 AND ($3::text IS NULL OR state = $3)
                        ORDER BY position LIMIT $4""")
                .execute(Tuple.of(id, afterPosition, state, limit))
                .map(rows -> {
                    List<Result> results = new ArrayList<>(rows.size());
                    rows.forEach(row -> results.add(new Result(row.getInteger("position"), row.getUUID("order_id"),
                            row.getString("state"), (JsonObject) row.getValue("problem"), row.getString("note"),
                            instant(row.getOffsetDateTime("finished_at")))));
                    return results;
                });
    }

    private static BulkJob job(Row row) {
        return new BulkJob(row.getUUID("id"), BulkOperation.ofWire(row.getString("operation")).orElseThrow(),
                (JsonObject) row.getValue("params"),
                "stop".equals(row.getString("error_policy")), row.getBoolean("dry_run"),
                BulkJobState.ofWire(row.getString("state")), row.getInteger("total"), row.getInteger("succeeded"),
                row.getInteger("failed"), row.getInteger("skipped"), row.getBoolean("cancel_requested"),
                row.getString("failure"), row.getString("created_by"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
