package dev.orderstream.event;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow.Processor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This instance's tail of the event log, shared by all of its SSE clients: one reader follows the
 * log in stream order and hands each settled event to every subscriber. It reads when woken (a
 * local commit, or a PostgreSQL notification when another instance wrote) and on a slow poll as a
 * safety net, so every instance sees every event, whether or not RabbitMQ is up.
 *
 * <p>When the application starts shutting down the hub completes: every stream ends cleanly after
 * the events it already has (clients resume elsewhere with {@code Last-Event-ID}), and a stream
 * opened after that ends as soon as its replay does, so no SSE response holds the shutdown up.
 */
@ApplicationScoped
public class EventBroadcaster {

    private static final Logger LOG = Logger.getLogger(EventBroadcaster.class);
    private static final int BATCH = 500;

    private final EventStore store;
    private final EventSignal signal;
    /** Serialized: events arrive on event-loop threads, the end of stream on the shutdown thread. */
    private final Processor<EventRow, EventRow> hub = BroadcastProcessor.<EventRow>create().serialized();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean wokenWhileReading = new AtomicBoolean();
    private volatile Position cursor;
    private volatile boolean draining;

    public EventBroadcaster(EventStore store, EventSignal signal) {
        this.store = store;
        this.signal = signal;
    }

    void start(@Observes StartupEvent startup) {
        signal.onWake(this::wake);
        store.head()
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(head -> {
                    cursor = head;
                    wake();
                });
    }

    /** Shutdown has begun (before in-flight HTTP requests are drained): end every stream. */
    void drain(@Observes ShutdownDelayInitiatedEvent shutdownBegins) {
        draining = true;
        LOG.info("Shutting down: ending the SSE streams (clients resume elsewhere with Last-Event-ID)");
        hub.onComplete();
    }

    /** Every settled event from now on, in stream order. Subscribers must keep up or buffer. */
    public Multi<EventRow> live() {
        return Multi.createFrom().publisher(hub);
    }

    /** The position of the last event handed to subscribers. */
    public Position cursor() {
        return cursor;
    }

    @Scheduled(identity = "event-broadcaster-poll", every = "${orderstream.events.poll-interval:1s}")
    void poll() {
        wake();
    }

    /** Something may have been committed: read and broadcast it. Never blocks; wakes coalesce. */
    public void wake() {
        if (cursor == null || draining) {
            return;
        }
        if (!reading.compareAndSet(false, true)) {
            wokenWhileReading.set(true);
            return;
        }
        wokenWhileReading.set(false);
        readFrom(cursor)
                .subscribe().with(
                        more -> {
                            reading.set(false);
                            if (more || wokenWhileReading.get()) {
                                wake();
                            }
                        },
                        failure -> {
                            reading.set(false);
                            LOG.warnf("Reading the event log failed, retrying on the next wake: %s", failure.toString());
                        });
    }

    /** Broadcasts one batch; true if a full batch was read (so more may be waiting). */
    private Uni<Boolean> readFrom(Position from) {
        return store.after(from, EventFilter.ALL, BATCH)
                .map(events -> {
                    broadcast(events);
                    return events.size() == BATCH;
                });
    }

    private void broadcast(List<EventRow> events) {
        for (EventRow event : events) {
            hub.onNext(event);
            cursor = event.position();
        }
    }
}
