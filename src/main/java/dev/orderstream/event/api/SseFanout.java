package dev.orderstream.event.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.event.EventBroadcaster;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.event.EventStore;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.event.Position;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every SSE stream of this instance, fed from the one tail of the event log ({@link EventBroadcaster}).
 *
 * <p>Each event is encoded once per view into one buffer ({@code id:}, {@code event:}, {@code data:}
 * with the event JSON), and that same buffer is written to every subscriber's connection, on the
 * event loop that connection belongs to: subscribers are grouped per event loop, so a batch of
 * events costs one task per event loop, and a subscriber is a few fields, not a pipeline. Events
 * that arrive while a loop is still writing the previous ones are delivered together next (natural
 * batching: one write per subscriber however fast events come). Streams that follow every event
 * share one buffer per delivery; streams of one order are found through an index by order id.
 *
 * <p>A stream resuming from a position first replays the log from there, page by page, writing a
 * page only when its connection has drained the one before; live events that arrive meanwhile are
 * queued (at most {@code orderstream.events.sse.buffer-size}) and those after the replay's last
 * position written when it ends, so there is no gap and no duplicate at the seam.
 *
 * <p>Nothing is buffered without bound: each connection's write queue is limited
 * ({@code orderstream.events.sse.write-queue-size}); when a batch finds it still full, the
 * subscriber is not keeping up and its stream is ended cleanly (the last chunk), and the client
 * resumes with {@code Last-Event-ID}. Heartbeat comments go to every stream whose queue has room.
 * When shutdown begins every live stream ends; a stream still replaying ends when its replay does.
 */
@ApplicationScoped
public class SseFanout {

    private static final Logger LOG = Logger.getLogger(SseFanout.class);
    /** Made per instance, at run time: a native image cannot hold a Vert.x buffer built at build time. */
    private final Buffer heartbeat = Buffer.buffer(":heartbeat\n\n");

    /** How an event's {@code data:} looks on a stream. */
    public enum View {
        /** The authenticated streams: the event as the history shows it. */
        FULL(EventResponse::of),
        /** The public tracking stream: no customer, payment or address data. */
        TRACKING(EventResponse::forTracking);

        private final Function<OrderEvent, Object> shape;

        View(Function<OrderEvent, Object> shape) {
            this.shape = shape;
        }
    }

    private final EventBroadcaster broadcaster;
    private final EventStore store;
    private final ObjectMapper json;
    private final long heartbeatMillis;
    private final int pendingLimit;
    private final int writeQueueSize;
    private final int replayBatch;
    private final Map<ContextInternal, Loop> loops = new ConcurrentHashMap<>();
    private volatile boolean draining;

    public SseFanout(EventBroadcaster broadcaster, EventStore store, ObjectMapper json, OrderstreamConfig config) {
        this.broadcaster = broadcaster;
        this.store = store;
        this.json = json;
        this.heartbeatMillis = config.events().sse().heartbeat().toMillis();
        this.pendingLimit = config.events().sse().bufferSize();
        this.writeQueueSize = config.events().sse().writeQueueSize();
        this.replayBatch = config.events().sse().replayBatchSize();
    }

    void start(@Observes StartupEvent startup) {
        broadcaster.onEvents(this::publish);
    }

    /** Shutdown has begun (before in-flight HTTP requests are drained): end every live stream. */
    void drain(@Observes ShutdownDelayInitiatedEvent shutdownBegins) {
        draining = true;
        LOG.info("Shutting down: ending the SSE streams (clients resume elsewhere with Last-Event-ID)");
        loops.values().forEach(loop -> loop.context.runOnContext(ignored -> loop.drain()));
    }

    /**
     * Opens a stream on the current request's connection: sends the {@code 200 text/event-stream}
     * head, then the log after {@code from} (null: live events only), then live events. Called by a
     * resource whose preconditions have been checked, on the request's context; the stream joins its
     * loop on that loop's own thread (a subscriber's state is only ever touched there).
     */
    public void open(EventFilter filter, Position from, View view, SseEventSink sink, Sse sse,
                     HttpServerResponse response) {
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        Loop loop = loops.computeIfAbsent(context.unwrap(), this::newLoop);
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.SERVER_SENT_EVENTS)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(writeQueueSize);
        // a first comment right away: the client (and any proxy) sees the stream open before an event comes
        response.write(heartbeat, (Handler<AsyncResult<Void>>) null);
        Subscriber subscriber = new Subscriber(loop, filter, view, sink, response, from);
        // Quarkus REST closes the sink when the client goes away; this is how the fan-out hears of it
        SseBroadcaster closes = sse.newBroadcaster();
        closes.onClose(closed -> subscriber.end());
        closes.register(sink);
        loop.context.runOnContext(ignored -> {
            if (subscriber.ended) {
                return; // the client left already
            }
            loop.add(subscriber);
            if (from != null) {
                subscriber.replay(from);
            } else if (draining) {
                subscriber.end();
            }
        });
    }

    private Loop newLoop(ContextInternal context) {
        Loop loop = new Loop(context);
        context.runOnContext(ignored -> context.owner().setPeriodic(heartbeatMillis, id -> loop.heartbeat()));
        return loop;
    }

    /** A batch of settled events from the log's tail, in stream order. */
    private void publish(List<OrderEvent> events) {
        if (loops.isEmpty() || events.isEmpty()) {
            return;
        }
        List<Encoded> encoded = new ArrayList<>(events.size());
        events.forEach(event -> encoded.add(new Encoded(event)));
        loops.values().forEach(loop -> {
            if (loop.size > 0) {
                loop.offer(encoded);
            }
        });
    }

    /** One SSE message: the event's id, type and JSON in the given view. */
    Buffer frame(OrderEvent event, View view) {
        byte[] data;
        try {
            data = json.writeValueAsBytes(view.shape.apply(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be serialized", e);
        }
        byte[] head = ("id:" + event.id() + "\nevent:" + event.type() + "\ndata:").getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(head.length + data.length + 2).appendBytes(head).appendBytes(data).appendString("\n\n");
    }

    /** One event, encoded at most once per view, by whichever loop needs that view first. */
    private final class Encoded {
        final OrderEvent event;
        private final Buffer[] frames = new Buffer[View.values().length];

        Encoded(OrderEvent event) {
            this.event = event;
        }

        synchronized Buffer frame(View view) {
            Buffer frame = frames[view.ordinal()];
            if (frame == null) {
                frame = frames[view.ordinal()] = SseFanout.this.frame(event, view);
            }
            return frame;
        }
    }

    /** What one loop delivers in one go: every event published since its last delivery, in stream order. */
    private static final class Batch {
        final List<Encoded> events;
        private Buffer everything;

        Batch(List<Encoded> events) {
            this.events = events;
        }

        OrderEvent event(int index) {
            return events.get(index).event;
        }

        Buffer frame(int index, View view) {
            return events.get(index).frame(view);
        }

        /** The whole batch in the full view, for the streams that follow every event (one loop's). */
        Buffer everything() {
            if (everything == null) {
                everything = Buffer.buffer();
                events.forEach(encoded -> everything.appendBuffer(encoded.frame(View.FULL)));
            }
            return everything;
        }
    }

    /** The subscribers whose connections belong to one event loop; touched only on that loop. */
    private final class Loop {
        final ContextInternal context;
        final List<Subscriber> feeds = new ArrayList<>();
        final Map<UUID, List<Subscriber>> byOrder = new HashMap<>();
        /** Written on the loop, read by the publisher to skip idle loops. */
        volatile int size;
        private boolean iterating;
        private boolean endedWhileIterating;
        private boolean removalScheduled;
        /** Events published and not yet delivered; guarded by itself (the publisher adds, the loop takes). */
        private final List<Encoded> inbox = new ArrayList<>();
        private boolean deliveryScheduled;

        Loop(ContextInternal context) {
            this.context = context;
        }

        /**
         * Queues events for delivery on this loop. While the loop is busy writing, what arrives
         * meanwhile is delivered together next time: one write per subscriber for all of it, so the
         * cost of a delivery stays per subscriber, not per event, however fast events come.
         */
        void offer(List<Encoded> events) {
            synchronized (inbox) {
                inbox.addAll(events);
                if (deliveryScheduled) {
                    return;
                }
                deliveryScheduled = true;
            }
            context.runOnContext(ignored -> deliverInbox());
        }

        private void deliverInbox() {
            List<Encoded> events;
            synchronized (inbox) {
                events = new ArrayList<>(inbox);
                inbox.clear();
                deliveryScheduled = false;
            }
            deliver(new Batch(events));
        }

        void add(Subscriber subscriber) {
            UUID order = subscriber.filter.orderId();
            if (order == null) {
                feeds.add(subscriber);
            } else {
                byOrder.computeIfAbsent(order, id -> new ArrayList<>(1)).add(subscriber);
            }
            size++;
        }

        /**
         * A subscriber ended: it is dropped from the lists once the current iteration is over, or
         * on the next turn of the loop, so that a thousand clients leaving at once cost one pass.
         */
        void ended() {
            if (iterating) {
                endedWhileIterating = true;
            } else if (!removalScheduled) {
                removalScheduled = true;
                context.runOnContext(ignored -> {
                    removalScheduled = false;
                    removeEnded();
                });
            }
        }

        private void removeEnded() {
            feeds.removeIf(subscriber -> subscriber.ended);
            byOrder.values().removeIf(subscribers -> {
                subscribers.removeIf(subscriber -> subscriber.ended);
                return subscribers.isEmpty();
            });
            size = feeds.size() + byOrder.values().stream().mapToInt(List::size).sum();
        }

        void deliver(Batch batch) {
            iterate(() -> {
                for (Subscriber subscriber : feeds) {
                    subscriber.deliver(batch);
                }
                if (!byOrder.isEmpty()) {
                    for (int i = 0; i < batch.events.size(); i++) {
                        List<Subscriber> following = byOrder.get(batch.event(i).orderId());
                        if (following != null) {
                            for (Subscriber subscriber : following) {
                                subscriber.deliver(batch, i);
                            }
                        }
                    }
                }
            });
        }

        void heartbeat() {
            iterate(() -> {
                feeds.forEach(Subscriber::heartbeat);
                byOrder.values().forEach(subscribers -> subscribers.forEach(Subscriber::heartbeat));
            });
        }

        void drain() {
            iterate(() -> {
                feeds.forEach(Subscriber::drain);
                byOrder.values().forEach(subscribers -> subscribers.forEach(Subscriber::drain));
            });
        }

        private void iterate(Runnable action) {
            iterating = true;
            try {
                action.run();
            } finally {
                iterating = false;
                if (endedWhileIterating) {
                    endedWhileIterating = false;
                    removeEnded();
                }
            }
        }
    }

    /** One client's stream. All of its state is touched on its loop only. */
    private final class Subscriber {
        final Loop loop;
        final EventFilter filter;
        final View view;
        final SseEventSink sink;
        final HttpServerResponse response;
        /** Live events that arrived while replaying; null once live. */
        ArrayDeque<Pending> pending;
        /**
         * What the client has been sent up to (its resume point, then the last event replayed); live
         * events at or before it are dropped, including ones published before the replay ended and
         * delivered after it. Null once a live event after it has been seen, or for a live-only stream.
         */
        Position seam;
        boolean ended;

        Subscriber(Loop loop, EventFilter filter, View view, SseEventSink sink, HttpServerResponse response,
                   Position from) {
            this.loop = loop;
            this.filter = filter;
            this.view = view;
            this.sink = sink;
            this.response = response;
            this.pending = from != null ? new ArrayDeque<>() : null;
            this.seam = from;
        }

        /** False for a live event the replay already sent; the first one after the seam ends the check. */
        private boolean isNew(OrderEvent event) {
            if (seam == null || pending != null) {
                return true; // while replaying, the seam is applied when the queue is written
            }
            if (!event.position().isAfter(seam)) {
                return false;
            }
            seam = null;
            return true;
        }

        /** A batch, for a stream that is not of one order. */
        void deliver(Batch batch) {
            if (ended) {
                return;
            }
            if (pending == null && seam == null && filter.equals(EventFilter.ALL) && view == View.FULL) {
                write(batch.everything());
                return;
            }
            Buffer matching = null;
            boolean shared = true; // one match is written as the batch's own buffer, several are copied into one
            for (int i = 0; i < batch.events.size() && !ended; i++) {
                OrderEvent event = batch.event(i);
                if (!filter.matches(event) || !isNew(event)) {
                    continue;
                }
                Buffer frame = batch.frame(i, view);
                if (pending != null) {
                    queue(event, frame);
                } else if (matching == null) {
                    matching = frame;
                } else {
                    if (shared) {
                        matching = Buffer.buffer().appendBuffer(matching);
                        shared = false;
                    }
                    matching.appendBuffer(frame);
                }
            }
            if (matching != null) {
                write(matching);
            }
        }

        /** One event of a batch, for a stream of that event's order. */
        void deliver(Batch batch, int index) {
            OrderEvent event = batch.event(index);
            if (ended || !filter.matches(event) || !isNew(event)) {
                return;
            }
            if (pending != null) {
                queue(event, batch.frame(index, view));
            } else {
                write(batch.frame(index, view));
            }
        }

        private void queue(OrderEvent event, Buffer frame) {
            if (pending.size() >= pendingLimit) {
                LOG.debugf("A stream subscriber fell %d events behind while replaying and was disconnected", pendingLimit);
                end();
                return;
            }
            pending.add(new Pending(event.position(), frame));
        }

        /** Writes unless the client is gone or has not taken what it was sent before. */
        private void write(Buffer data) {
            if (response.closed()) {
                end();
            } else if (response.writeQueueFull()) {
                LOG.debugf("A stream subscriber did not keep up (%d bytes unsent) and was disconnected", writeQueueSize);
                end();
            } else {
                response.write(data, (Handler<AsyncResult<Void>>) null);
            }
        }

        void heartbeat() {
            if (ended) {
                return;
            }
            if (response.closed()) {
                end();
            } else if (!response.writeQueueFull()) {
                response.write(heartbeat, (Handler<AsyncResult<Void>>) null);
            }
        }

        void drain() {
            if (pending == null) {
                end();
            }
        }

        /** The log after {@code from}, a page at a time, then live. */
        void replay(Position from) {
            store.after(from, filter, replayBatch).subscribe().with(
                    events -> onLoop(() -> replayed(events)),
                    failure -> onLoop(() -> {
                        LOG.warnf("Replaying the event log for a stream failed; ending it (the client resumes): %s",
                                failure.toString());
                        end();
                    }));
        }

        private void replayed(List<OrderEvent> events) {
            if (ended) {
                return;
            }
            if (response.closed()) {
                end();
                return;
            }
            if (!events.isEmpty()) {
                Buffer page = Buffer.buffer();
                for (OrderEvent event : events) {
                    page.appendBuffer(frame(event, view));
                    seam = event.position();
                }
                response.write(page, (Handler<AsyncResult<Void>>) null);
            }
            if (events.size() == replayBatch) {
                Position next = seam;
                if (response.writeQueueFull()) {
                    response.drainHandler(drained -> replay(next));
                } else {
                    replay(next);
                }
                return;
            }
            Buffer caughtUp = Buffer.buffer();
            for (Pending queued : pending) {
                if (queued.position().isAfter(seam)) {
                    caughtUp.appendBuffer(queued.frame());
                }
            }
            pending = null;
            if (caughtUp.length() > 0) {
                write(caughtUp);
            }
            if (draining) {
                end();
            }
        }

        /** Ends the stream cleanly (the last chunk) and forgets it. */
        void end() {
            if (ended) {
                return;
            }
            ended = true;
            pending = null;
            loop.ended();
            sink.close();
        }

        private void onLoop(Runnable action) {
            if (loop.context.nettyEventLoop().inEventLoop()) {
                action.run();
            } else {
                loop.context.runOnContext(ignored -> action.run());
            }
        }
    }

    private record Pending(Position position, Buffer frame) {
    }
}
