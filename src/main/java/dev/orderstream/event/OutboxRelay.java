package dev.orderstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.event.api.EventResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import dev.orderstream.common.CoalescingTask;
import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQConnector;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import io.smallrye.mutiny.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the event log to RabbitMQ: each event to the {@code orders} topic exchange with routing
 * key = type, persistent, {@code message_id} = event id, in stream order, and moves its position
 * (one row, {@code outbox_relay}) past it only after the broker confirmed it.
 *
 * <p>One relay is active across all instances: the one holding a PostgreSQL session advisory lock
 * (per schema) on a connection of its own. If that instance dies its connection closes, the lock
 * is released, and another instance takes over on its next poll, starting after the position.
 *
 * <p>While the broker is down the connector holds the batch in flight and resends it once it
 * reconnects; the relay waits for those confirms rather than sending the batch again, so the normal
 * case publishes each event once. Meanwhile the API keeps taking orders: their events wait in the log.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The advisory lock's first key ("ords" as a number); the second is the schema's hash, so
     * deployments sharing a database in different schemas (tests, benchmarks) each have a relay.
     */
    static final int RELAY_LOCK = 0x6f726473;
    /**
     * The longest a shutdown waits for the batch in flight: with the 1 s delay and the 25 s request
     * drain it stays inside Kubernetes' 40 s grace period (deploy/k8s).
     */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Pool pool;
    private final EventStore store;
    private final EventSignal signal;
    private final MutinyEmitter<String> broker;
    private final ObjectMapper json;
    private final OrderstreamConfig.Events.Relay config;
    private final RabbitMQConnector connector;
    private final CoalescingTask relay;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile SqlConnection leadership;
    private volatile boolean stopped;
    /** Completes when the batch in flight (if any) is over. */
    private volatile CompletableFuture<Void> batchDone = CompletableFuture.completedFuture(null);

    public OutboxRelay(Pool pool, EventStore store, EventSignal signal,
                       @Channel("orders-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                       MutinyEmitter<String> broker,
                       ObjectMapper json, OrderstreamConfig config,
                       @Connector(RabbitMQConnector.CONNECTOR_NAME) RabbitMQConnector connector) {
        this.pool = pool;
        this.store = store;
        this.signal = signal;
        this.broker = broker;
        this.json = json;
        this.config = config.events().relay();
        this.connector = connector;
        this.relay = CoalescingTask.throttled(this::relayOnce, this::backOff, config.events().readGap());
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        if (config.enabled()) {
            signal.onWake(this::wake);
            scheduler.newJob("outbox-relay-poll")
                    .setInterval(config.pollInterval().toString())
                    .setTask(execution -> wake())
                    .schedule();
            wake();
        }
    }

    /**
     * Shutdown, after in-flight HTTP requests were drained (their events are in the log): start no
     * new batch, let the one in flight get its confirms and mark them, then give up the relay lock
     * so another instance takes over at once. The wait is bounded ({@link #SHUTDOWN_WAIT}: a broker
     * that has not confirmed by then is in trouble, and the batch is resent by the next relay) and
     * runs on Quarkus' shutdown thread, never on an event loop; it must happen here, before the
     * RabbitMQ connector is torn down with the beans, or the batch's confirms would be lost and
     * another instance would publish it again.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        try {
            batchDone.get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Shutting down with a relay batch still in flight; "
                    + "its unconfirmed events will be published again");
        } catch (ExecutionException e) {
            LOG.debug("The last relay batch failed; its events stay unpublished", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SqlConnection held = leadership;
        leadership = null;
        if (held != null) {
            held.close().subscribe().with(closed -> { }, failure -> { });
        }
    }

    /** Whether this instance is the active relay. */
    public boolean isActive() {
        return leadership != null;
    }

    /** Publishes whatever is waiting, if this instance is (or can become) the active relay. Never blocks. */
    public void wake() {
        relay.wake();
    }

    /** One run: true when it relayed a full batch (more may wait). */
    private Uni<Boolean> relayOnce() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        batchDone = done;
        // Checked after publishing batchDone: stop() sets stopped before reading batchDone, so it
        // either sees this batch and waits for it, or this sees stopped and starts nothing.
        if (stopped) {
            done.complete(null);
            return Uni.createFrom().item(false);
        }
        return lead()
                .chain(leading -> leading && brokerConnected() ? relayBatch() : Uni.createFrom().item(false))
                .invoke(() -> consecutiveFailures.set(0))
                .onTermination().invoke(() -> done.complete(null));
    }

    /**
     * Whether the connector's connection and channel are open. While they are not, the relay sends
     * nothing and the 1 s poll tries again: a message handed to a disconnected publisher is resent
     * by it after reconnecting, but its confirm can be lost, which would make the relay send it a
     * second time after the confirm timeout.
     */
    private boolean brokerConnected() {
        return connector.getLiveness().isOk();
    }

    /** Keeps or takes the relay lock; false when another instance holds it. */
    private Uni<Boolean> lead() {
        SqlConnection held = leadership;
        if (held != null) {
            return Uni.createFrom().item(true);
        }
        return pool.getConnection()
                .chain(connection -> connection.preparedQuery(
                                "SELECT pg_try_advisory_lock($1, hashtext(current_schema())) AS locked")
                        .execute(Tuple.of(RELAY_LOCK))
                        .map(rows -> rows.iterator().next().getBoolean("locked"))
                        .onFailure().call(connection::close)
                        .call(locked -> locked ? Uni.createFrom().voidItem() : connection.close())
                        .invoke(locked -> {
                            if (locked) {
                                leadership = connection;
                                connection.closeHandler(() -> {
                                    if (leadership == connection) {
                                        leadership = null;
                                        LOG.warn("Lost the relay lock connection; any instance may take over");
                                    }
                                });
                                LOG.info("This instance is now the active outbox relay");
                            }
                        }));
    }

    /**
     * One batch: read after the relay's position, publish with confirms, move the position past the
     * events confirmed with every one before them. True when the batch was full (more may wait).
     * Fails, so the relay backs off and retries, when the broker refused an event or did not confirm
     * it in time: the next batch starts again from the first event not confirmed, so nothing is lost.
     */
    private Uni<Boolean> relayBatch() {
        int batchSize = config.batchSize();
        return store.unpublished(batchSize)
                .chain(events -> events.isEmpty()
                        ? Uni.createFrom().item(false)
                        : publishAll(events).chain(confirmed -> {
                            int inOrder = confirmedInOrder(events, confirmed);
                            Uni<Void> moved = inOrder == 0 ? Uni.createFrom().voidItem()
                                    : store.markPublished(events.get(inOrder - 1).position());
                            return moved.map(ignored -> {
                                if (inOrder < events.size()) {
                                    throw new IllegalStateException("RabbitMQ confirmed " + confirmed.size() + " of "
                                            + events.size() + " events in time");
                                }
                                return events.size() == batchSize;
                            });
                        }));
    }

    /** How many events, from the first, the broker confirmed without a gap. */
    private static int confirmedInOrder(List<OrderEvent> events, Set<Long> confirmed) {
        int prefix = 0;
        while (prefix < events.size() && confirmed.contains(events.get(prefix).id())) {
            prefix++;
        }
        return prefix;
    }

    /**
     * Sends in order on one channel and collects the events the broker confirmed, until every one is
     * confirmed, one is refused, or the confirm timeout passes.
     */
    private Uni<Set<Long>> publishAll(List<OrderEvent> events) {
        Set<Long> confirmed = ConcurrentHashMap.newKeySet(); // by id: an event's data need not be hashed
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndMerge(event -> publish(event).invoke(() -> confirmed.add(event.id())))
                .collect().last()
                .ifNoItem().after(config.confirmTimeout()).fail()
                .onFailure(TimeoutException.class).recoverWithNull()
                .onFailure().invoke(refused -> LOG.warnf("RabbitMQ refused an event: %s", refused.toString()))
                .onFailure().recoverWithNull()
                .map(ignored -> Set.copyOf(confirmed));
    }

    private Uni<Void> publish(OrderEvent event) {
        var builder = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(event.type())
                .withMessageId(Long.toString(event.id()))
                .withContentType("application/json")
                .withDeliveryMode(2)
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                .withHeader("sequence", event.sequence());
        if (event.orderId() != null) { // a bulk job's events are of no order
            builder.withHeader("order-id", event.orderId().toString());
        }
        OutgoingRabbitMQMetadata metadata = builder.build();
        return broker.sendMessage(Message.of(body(event), Metadata.of(metadata)));
    }

    private String body(OrderEvent event) {
        try {
            return json.writeValueAsString(EventResponse.of(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " cannot be serialized", e);
        }
    }

    private void backOff(Throwable failure) {
        int failures = consecutiveFailures.incrementAndGet();
        long delayMillis = Math.min(config.maxBackoff().toMillis(), 100L << Math.min(failures, 10));
        LOG.warnf("Publishing to RabbitMQ failed (%d in a row), retrying in %d ms: %s",
                failures, delayMillis, failure.toString());
        Uni.createFrom().voidItem()
                .onItem().delayIt().by(Duration.ofMillis(delayMillis))
                .subscribe().with(ignored -> wake());
    }
}
