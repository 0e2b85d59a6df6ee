package dev.orderstream.bulk;

import dev.orderstream.event.EventSignal;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job's start and end, each written with its event ({@code bulk_job.started},
 * {@code bulk_job.completed}) in the event log in the same transaction, as every order change is:
 * the log's readers (RabbitMQ, the staff event stream, webhooks subscribed to them) learn of it
 * from there. A start or end that another instance made first writes nothing.
 */
@ApplicationScoped
public class BulkJobTransitions {

    private final BulkJobRepository jobs;
    private final EventStore events;
    private final EventSignal signal;
    private final Clock clock;

    public BulkJobTransitions(BulkJobRepository jobs, EventStore events, EventSignal signal, Clock clock) {
        this.jobs = jobs;
        this.events = events;
        this.signal = signal;
        this.clock = clock;
    }

    /** Fixes the job's orders and marks it running ({@code bulk_job.started}). */
    public Uni<BulkJob> start(UUID id, List<UUID> orderIds) {
        return logged(jobs.inTransaction(connection -> jobs.start(connection, id, orderIds)
                .call(changed -> !changed.changed() ? Uni.createFrom().voidItem()
                        : events.appendAll(connection, List.of(started(changed.job()))))));
    }

    /** Ends the job, what is left skipped ({@code bulk_job.completed}, whatever its state). */
    public Uni<BulkJob> finish(UUID id, BulkJobState state, String failure) {
        return logged(jobs.inTransaction(connection -> jobs.finish(connection, id, state, failure)
                .call(changed -> !changed.changed() ? Uni.createFrom().voidItem()
                        : events.appendAll(connection, List.of(completed(changed.job()))))));
    }

    private Uni<BulkJob> logged(Uni<BulkJobRepository.Changed> transition) {
        return transition.invoke(changed -> {
            if (changed.changed()) {
                signal.committed(); // the streams read the log now rather than at their next poll
            }
        }).map(BulkJobRepository.Changed::job);
    }

    private OrderEvent started(BulkJob job) {
        Map<String, Object> data = data(job);
        data.put("createdBy", job.createdBy());
        return OrderEvent.unloggedOfJob(EventType.BULK_JOB_STARTED, 1, clock.instant(), data);
    }

    private OrderEvent completed(BulkJob job) {
        Map<String, Object> data = data(job);
        data.put("state", job.state().wire());
        data.put("succeeded", job.succeeded());
        data.put("failed", job.failed());
        data.put("skipped", job.skipped());
        if (job.failure() != null) {
            data.put("failure", job.failure());
        }
        return OrderEvent.unloggedOfJob(EventType.BULK_JOB_COMPLETED, 2, clock.instant(), data);
    }

    private static Map<String, Object> data(BulkJob job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", job.id().toString());
        data.put("operation", job.operation().wire());
        data.put("dryRun", job.dryRun());
        data.put("total", job.total());
        return data;
    }
}
