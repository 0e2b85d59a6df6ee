package dev.orderstream.bulk;

import dev.orderstream.bulk.api.BulkJobResponse;
import dev.orderstream.bulk.api.BulkJobResult;
import dev.orderstream.common.Cursor;
import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.idempotency.IdempotencyKey;
import dev.orderstream.common.idempotency.IdempotentRequests;
import dev.orderstream.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** The bulk-job use cases: create (queued; the worker takes it), read, results, cancel, follow. */
@ApplicationScoped
public class BulkJobService {

    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final BulkJobRepository jobs;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    public BulkJobService(BulkJobRepository jobs, IdempotentRequests idempotency, Clock clock) {
        this.jobs = jobs;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** A checked job, as the request said it: the operation, what selects its orders, its params. */
    public record Spec(BulkOperation operation, JsonObject selector, JsonObject params, boolean stopOnError,
                       boolean dryRun) {
    }

    /** Queues the job; with an Idempotency-Key, the same request again answers the same job. */
    @WithTransaction
    public Uni<BulkJobResponse> create(Spec spec, Caller caller, IdempotencyKey key) {
        return idempotency.once(key, BulkJobResponse.class, () -> {
            BulkJob job = new BulkJob(UUID.randomUUID(), spec.operation(), spec.params(),
                    spec.stopOnError(), spec.dryRun(), BulkJobState.QUEUED, 0, 0, 0, 0, false, null, caller.client(),
                    clock.instant(), null, null);
            return jobs.insert(job, spec.selector()).replaceWith(BulkJobResponse.of(job));
        });
    }

    /**
     * Queues an import job ({@code POST /orders/imports}): the file's lines become the job's items,
     * in the file's order, in the same transaction as the job; with an Idempotency-Key, the same
     * file again answers the same job.
     */
    @WithTransaction
    public Uni<BulkJobResponse> createImport(Spec spec, List<JsonObject> lines, Caller caller, IdempotencyKey key) {
        return idempotency.once(key, BulkJobResponse.class, () -> {
            BulkJob job = new BulkJob(UUID.randomUUID(), BulkOperation.IMPORT, spec.params(),
                    spec.stopOnError(), spec.dryRun(), BulkJobState.QUEUED, lines.size(), 0, 0, 0, false, null,
                    caller.client(), clock.instant(), null, null);
            return jobs.insert(job, spec.selector()).chain(() -> jobs.insertLines(job.id(), lines))
                    .replaceWith(BulkJobResponse.of(job));
        });
    }

    public Uni<BulkJobResponse> get(UUID id) {
        return job(id).map(BulkJobResponse::of);
    }

    /** The results in the order the orders were worked, optionally of one state ({@code failed}, …). */
    public Uni<Page<BulkJobResult>> results(UUID id, String state, PageRequest page) {
        int after = page.cursor() == null ? 0 : (int) Cursor.decodeLong(page.cursor());
        return job(id).chain(job -> jobs.results(id, state, after, page.rowsToRead()))
                .map(rows -> Page.of(rows.stream().map(BulkJobResult::of).toList(), page.limit(),
                        result -> Integer.toString(result.position())));
    }

    /** Stops the job between two orders (the worker looks before each batch); a finished job stays as it is. */
    public Uni<BulkJobResponse> cancel(UUID id) {
        return jobs.requestCancellation(id)
                .map(job -> job.orElseThrow(() -> new BulkJobNotFoundException(id)))
                .map(BulkJobResponse::of);
    }

    /**
     * The job's progress, from {@code first} (the job when the stream opened), every half second
     * while it changes, up to and including its end.
     */
    public Multi<BulkJobResponse> progress(BulkJobResponse first) {
        AtomicBoolean ended = new AtomicBoolean();
        return Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(first), Multi.createFrom().ticks().every(PROGRESS_INTERVAL)
                        .onItem().transformToUniAndConcatenate(tick -> get(first.id())))
                .select().first(job -> !ended.getAndSet(job.percent() == 100 && !"running".equals(job.state())
                        && !"queued".equals(job.state())))
                .skip().repetitions();
    }

    private Uni<BulkJob> job(UUID id) {
        return jobs.find(id).map(job -> job.orElseThrow(() -> new BulkJobNotFoundException(id)));
    }
}
