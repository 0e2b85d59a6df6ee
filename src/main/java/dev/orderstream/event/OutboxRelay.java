package dev.orderstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.event.api.EventResponse;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the event log to RabbitMQ: batches of unpublished events in stream order, each to the
 * {@code orders} topic exchange with routing key = type, persistent, {@code message_id} = event id,
 * and marks them published only after the broker confirmed every one. One batch runs at a time
 * across all instances: the batch transaction holds an advisory lock; an instance that cannot take
 * it leaves the batch to the holder. A failed batch (broker down, no confirm) rolls back, so its
 * events stay unpublished and go out, in order, when the broker is back.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock key: "ordrstrm" as a number. */
    static final long RELAY_LOCK = 0x6f7264727374726dL;

    private final Pool pool;
    private final EventStore store;
    private final EventSignal signal;
    private final MutinyEmitter<String> broker;
    private final ObjectMapper json;
    private final EventsConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant pausedUntil = Instant.EPOCH;

    public OutboxRelay(Pool pool, EventStore store, EventSignal signal,
                       @Channel("orders-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                       MutinyEmitter<String> broker,
                       ObjectMapper json, EventsConfig config) {
        this.pool = pool;
        this.store = store;
        this.signal = signal;
        this.broker = broker;
        this.json = json;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (config.relay().enabled()) {
            signal.onCommitted(this::wake);
            wake();
        }
    }

    @Scheduled(identity = "outbox-relay-poll", every = "${orderstream.events.relay.poll-interval:1s}")
    void poll() {
        if (config.relay().enabled()) {
            wake();
        }
    }

    /** Publishes whatever is waiting. Never blocks; concurrent wakes coalesce into one more run. */
    public void wake() {
        if (Instant.now().isBefore(pausedUntil)) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return;
        }
        wokenWhileRunning.set(false);
        relayBatch()
                .subscribe().with(
                        outcome -> {
                            consecutiveFailures.set(0);
                            running.set(false);
                            if (outcome == Outcome.FULL_BATCH || wokenWhileRunning.get()) {
                                wake();
                            } else if (outcome == Outcome.LOCKED) {
                                retrySoon();
                            }
                        },
                        failure -> {
                            running.set(false);
                            backOff(failure);
                        });
    }

    enum Outcome { NOTHING, SOME, FULL_BATCH, LOCKED }

    /** One batch in one transaction: lock, read, publish with confirms, mark, commit. */
    Uni<Outcome> relayBatch() {
        int batchSize = config.relay().batchSize();
        return pool.withTransaction(connection -> tryLock(connection)
                .chain(locked -> !locked
                        ? Uni.createFrom().item(Outcome.LOCKED)
                        : store.after(connection, Position.START, EventFilter.ALL, batchSize, true)
                                .chain(events -> events.isEmpty()
                                        ? Uni.createFrom().item(Outcome.NOTHING)
                                        : publishAll(events)
                                                .chain(() -> markPublished(connection, events))
                                                .map(marked -> events.size() == batchSize ? Outcome.FULL_BATCH : Outcome.SOME))));
    }

    private Uni<Boolean> tryLock(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(RELAY_LOCK))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** Publishes in order on one channel and waits for every confirm; fails if any is refused or late. */
    private Uni<Void> publishAll(List<EventRow> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndMerge(this::publish)
                .collect().last()
                .replaceWithVoid()
                .ifNoItem().after(config.relay().confirmTimeout()).fail();
    }

    private Uni<Void> publish(EventRow event) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(event.type())
                .withMessageId(Long.toString(event.id()))
                .withContentType("application/json")
                .withDeliveryMode(2)
                .withTimestamp(event.occurredAt().atZone(java.time.ZoneOffset.UTC))
                .withHeader("order-id", event.orderId().toString())
                .withHeader("sequence", event.sequence())
                .build();
        return broker.sendMessage(Message.of(body(event), Metadata.of(metadata)));
    }

    private Uni<Integer> markPublished(SqlConnection connection, List<EventRow> events) {
        Long[] ids = events.stream().map(EventRow::id).toArray(Long[]::new);
        return connection.preparedQuery("UPDATE order_events SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids))
                .map(rows -> rows.rowCount());
    }

    private String body(EventRow event) {
        try {
            return json.writeValueAsString(EventResponse.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be serialized", e);
        }
    }

    private void retrySoon() {
        // Another instance holds the batch lock; it may have read before our commit, so look again shortly.
        io.smallrye.mutiny.Uni.createFrom().voidItem()
                .onItem().delayIt().by(Duration.ofMillis(50))
                .subscribe().with(ignored -> wake());
    }

    private void backOff(Throwable failure) {
        int failures = consecutiveFailures.incrementAndGet();
        long delayMillis = Math.min(config.relay().maxBackoff().toMillis(), 100L << Math.min(failures, 10));
        pausedUntil = Instant.now().plusMillis(delayMillis);
        LOG.warnf("Publishing to RabbitMQ failed (%d in a row), retrying in %d ms: %s",
                failures, delayMillis, failure.toString());
        io.smallrye.mutiny.Uni.createFrom().voidItem()
                .onItem().delayIt().by(Duration.ofMillis(delayMillis))
                .subscribe().with(ignored -> wake());
    }
}
