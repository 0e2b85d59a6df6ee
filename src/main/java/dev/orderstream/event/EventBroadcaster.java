package dev.orderstream.event;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import dev.orderstream.common.CoalescingTask;
import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This instance's tail of the event log, shared by all of its SSE clients: one reader follows the
 * log in stream order and hands each batch of settled events to its listeners (the SSE fan-out).
 * It reads when woken (a local commit, or a PostgreSQL notification when another instance wrote)
 * and on a slow poll as a safety net, so every instance sees every event, whether or not RabbitMQ
 * is up. It stops reading when the application starts shutting down.
 */
@ApplicationScoped
public class EventBroadcaster {

    private static final Logger LOG = Logger.getLogger(EventBroadcaster.class);
    private static final int BATCH = 500;

    private final EventStore store;
    private final EventSignal signal;
    private final Duration pollInterval;
    private final List<Consumer<List<OrderEvent>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Position cursor;
    private volatile boolean draining;
    private final CoalescingTask reader;

    public EventBroadcaster(EventStore store, EventSignal signal, OrderstreamConfig config) {
        this.store = store;
        this.signal = signal;
        this.pollInterval = config.events().pollInterval();
        this.reader = CoalescingTask.throttled(
                () -> draining ? Uni.createFrom().item(false) : readFrom(cursor),
                failure -> LOG.warnf("Reading the event log failed, retrying on the next wake: %s", failure.toString()),
                config.events().readGap());
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        signal.onWake(this::wake);
        scheduler.newJob("event-broadcaster-poll")
                .setInterval(pollInterval.toString())
                .setTask(execution -> wake())
                .schedule();
        store.head()
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(head -> {
                    cursor = head;
                    wake();
                });
    }

    /** Shutdown has begun: the streams end, nothing more to read for them. */
    void drain(@Observes ShutdownDelayInitiatedEvent shutdownBegins) {
        draining = true;
    }

    /**
     * Hands every batch of settled events from now on, in stream order, to {@code listener}, on
     * whichever thread read it. The listener must not block and must not hold on to the caller.
     */
    public void onEvents(Consumer<List<OrderEvent>> listener) {
        listeners.add(listener);
    }

    /** Something may have been committed: read and broadcast it. Never blocks; wakes coalesce. */
    public void wake() {
        if (cursor == null || draining) {
            return;
        }
        reader.wake();
    }

    /** Broadcasts one batch; true if a full batch was read (so more may be waiting). */
    private Uni<Boolean> readFrom(Position from) {
        return store.after(from, EventFilter.ALL, BATCH)
                .map(events -> {
                    broadcast(events);
                    return events.size() == BATCH;
                });
    }

    private void broadcast(List<OrderEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (Consumer<List<OrderEvent>> listener : listeners) {
            try {
                listener.accept(events);
            } catch (RuntimeException e) {
                LOG.errorf(e, "An event listener failed");
            }
        }
        cursor = events.get(events.size() - 1).position();
    }
}
