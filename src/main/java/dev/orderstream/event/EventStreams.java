package dev.orderstream.event;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.queues.Queues;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds one client's stream: first everything after its resume point from the log, then live
 * events, with no gap and no duplicate at the seam. The live subscription is taken before the replay
 * starts and buffered; replayed positions are remembered and live events at or before them dropped.
 * The live buffer is bounded: a client that stops reading overflows it and is disconnected, without
 * slowing anyone else: its stream completes, which closes the response, and it resumes with
 * Last-Event-ID.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);

    private final EventStore store;
    private final EventBroadcaster broadcaster;
    private final EventsConfig config;

    public EventStreams(EventStore store, EventBroadcaster broadcaster, EventsConfig config) {
        this.store = store;
        this.broadcaster = broadcaster;
        this.config = config;
    }

    /**
     * @param from where to resume (exclusive); null for live events only
     */
    public Multi<EventRow> follow(EventFilter filter, Position from) {
        return Multi.createFrom().deferred(() -> {
            UnicastProcessor<EventRow> live = UnicastProcessor.create(
                    Queues.<EventRow>get(config.sse().bufferSize()).get(), null);
            Cancellable subscription = broadcaster.live()
                    .select().where(filter::matches)
                    .subscribe().with(live::onNext, live::onError, live::onComplete);
            Multi<EventRow> stream;
            if (from == null) {
                stream = live;
            } else {
                AtomicReference<Position> seam = new AtomicReference<>(from);
                stream = Multi.createBy().concatenating().streams(
                        replay(filter, from).invoke(event -> seam.set(event.position())),
                        live.select().where(event -> event.position().isAfter(seam.get())));
            }
            return stream
                    .onTermination().invoke(subscription::cancel)
                    .onFailure(BackPressureFailure.class).invoke(overflow -> LOG.debugf(
                            "A stream subscriber fell %d events behind and was disconnected", config.sse().bufferSize()))
                    .onFailure(BackPressureFailure.class).recoverWithCompletion();
        });
    }

    /** Everything after {@code from} that is settled now, page by page. */
    private Multi<EventRow> replay(EventFilter filter, Position from) {
        int batch = config.sse().replayBatchSize();
        return Multi.createBy().repeating()
                .uni(() -> new AtomicReference<>(from), last -> store.after(last.get(), filter, batch)
                        .invoke(events -> {
                            if (!events.isEmpty()) {
                                last.set(events.get(events.size() - 1).position());
                            }
                        }))
                .whilst(events -> events.size() == batch)
                .onItem().transformToIterable(events -> events);
    }

    /** Resolves a client's Last-Event-ID (an event id) to a stream position. */
    public Uni<Position> positionAfter(long eventId) {
        return store.positionOf(eventId).map(position -> position.orElseThrow(
                () -> new dev.orderstream.common.problem.BadRequestProblem("Unknown Last-Event-ID",
                        "No event has id " + eventId, "Last-Event-ID")));
    }

}
