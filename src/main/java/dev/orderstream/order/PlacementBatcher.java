package dev.orderstream.order;

import dev.orderstream.catalog.InsufficientStockException;
import dev.orderstream.catalog.Shortage;
import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.catalog.StockAllotment;
import dev.orderstream.catalog.StockService;
import dev.orderstream.catalog.StockedProduct;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.idempotency.IdempotencyKey;
import dev.orderstream.common.idempotency.IdempotentRequests;
import dev.orderstream.common.problem.ServiceUnavailableProblem;
import dev.orderstream.event.EventSignal;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.api.OrderMapper;
import dev.orderstream.order.api.OrderResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Group commit for placement. Concurrent placements are gathered into one transaction on one
 * connection of the Vert.x PostgreSQL client: while a batch is in flight the next one fills (up to
 * {@code orderstream.placement.batch-size}); a lone placement starts at once and waits for nothing.
 *
 * <p>A batch reads the prices and availability of its SKUs, claims its Idempotency-Keys and takes its
 * order numbers (three statements, pipelined); decides in arrival order which orders fit
 * ({@link StockAllotment}: all lines or none, a short order refused while the others go on); then
 * holds the summed units with one conditional update per SKU in SKU order and inserts the orders,
 * lines, events and stored responses with multi-row statements (pipelined), and commits. Every
 * caller is answered only after that commit, on its own event loop. So each order ends exactly as it
 * would have if placed alone in arrival order.
 *
 * <p>When a hold misses (stock changed since the read: another instance, a cancellation) the batch
 * rolls back and runs again, reading with row locks. When the database fails a batch, it rolls back
 * and each of its placements runs again alone, so one bad order fails only its own caller, with a 503
 * problem that says nothing was written. An Idempotency-Key appears once per batch; a second request
 * with it waits for the next batch and is then replayed or refused as a reused key.
 */
@ApplicationScoped
public class PlacementBatcher {

    private static final Logger LOG = Logger.getLogger(PlacementBatcher.class);
    private static final int MAX_ATTEMPTS = 3;

    /** What a caller asked to place, checked for everything that needs no database. */
    public record Placement(Customer customer, ShippingAddress address, List<SkuQuantity> lines, String trackingToken,
                            IdempotencyKey idempotencyKey) {

        IdempotencyKey.Id key() {
            return idempotencyKey == null ? null : idempotencyKey.id();
        }
    }

    private record Pending(Placement placement, Context context, UniEmitter<? super OrderResponse> caller) {
    }

    /** Stock changed between a batch's read and its holds: roll back and run it again. */
    private static final class StockRaced extends RuntimeException {
        StockRaced() {
            super("stock changed while the batch was deciding", null, false, false);
        }
    }

    private final Pool pool;
    private final StockService stock;
    private final OrderRepository orders;
    private final EventStore events;
    private final IdempotentRequests idempotency;
    private final EventSignal signal;
    private final Clock clock;
    private final Duration holdFor;
    private final int batchSize;
    private final int batchesInFlight;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean stopped;

    public PlacementBatcher(Pool pool, StockService stock, OrderRepository orders, EventStore events,
                            IdempotentRequests idempotency, EventSignal signal, Clock clock, OrderstreamConfig config) {
        this.pool = pool;
        this.stock = stock;
        this.orders = orders;
        this.events = events;
        this.idempotency = idempotency;
        this.signal = signal;
        this.clock = clock;
        this.holdFor = config.reservation().ttl();
        this.batchSize = config.placement().batchSize();
        this.batchesInFlight = config.placement().batchesInFlight();
    }

    /** Places one order in the next batch; the answer comes after that batch committed. */
    public Uni<OrderResponse> place(Placement placement) {
        return Uni.createFrom().emitter(caller -> submit(new Pending(placement, Vertx.currentContext(), caller)));
    }

    /**
     * Quarkus has waited for in-flight requests (the placements queued here among them); whatever
     * is still queued now is answered 503 rather than left hanging.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        List<Pending> left;
        synchronized (this) {
            stopped = true;
            left = new ArrayList<>(queue);
            queue.clear();
        }
        left.forEach(pending -> fail(pending, ServiceUnavailableProblem.shuttingDown()));
    }

    // ---------------------------------------------------------------- natural batching

    private void submit(Pending pending) {
        List<Pending> batch;
        synchronized (this) {
            if (stopped) {
                batch = null;
            } else {
                queue.add(pending);
                if (inFlight >= batchesInFlight) {
                    return;
                }
                inFlight++;
                batch = take();
            }
        }
        if (batch == null) {
            fail(pending, ServiceUnavailableProblem.shuttingDown());
            return;
        }
        start(batch);
    }

    /** The next batch, in arrival order; a key already in it waits for the next one. Holds the lock. */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
        Set<IdempotencyKey.Id> keys = new HashSet<>();
        Iterator<Pending> waiting = queue.iterator();
        while (waiting.hasNext() && batch.size() < batchSize) {
            Pending next = waiting.next();
            IdempotencyKey.Id key = next.placement().key();
            if (key == null || keys.add(key)) {
                waiting.remove();
                batch.add(next);
            }
        }
        return batch;
    }

    private void start(List<Pending> batch) {
        execute(batch, 0).subscribe().with(done -> finished(), failure -> {
            LOG.errorf(failure, "A placement batch ended unexpectedly");
            batch.forEach(pending -> fail(pending, notPlaced()));
            finished();
        });
    }

    private void finished() {
        List<Pending> next;
        synchronized (this) {
            if (queue.isEmpty()) {
                inFlight--;
                return;
            }
            next = take();
        }
        start(next);
    }

    // ---------------------------------------------------------------- one batch

    /** Runs a batch and answers each of its callers; never fails. */
    private Uni<Void> execute(List<Pending> batch, int attempt) {
        boolean lock = attempt > 0;
        return pool.withTransaction(connection -> write(connection, batch, lock))
                .onItemOrFailure().transformToUni((outcomes, failure) -> {
                    if (failure == null) {
                        answer(batch, outcomes);
                        return Uni.createFrom().voidItem();
                    }
                    if (failure instanceof StockRaced && attempt + 1 < MAX_ATTEMPTS) {
                        return execute(batch, attempt + 1);
                    }
                    if (ServiceUnavailableProblem.isDatabaseUnreachable(failure)) {
                        // nothing to learn from placing each alone: the database is not there
                        LOG.warnf("A batch of %d placements failed, the database is out of reach: %s", batch.size(),
                                failure.toString());
                        batch.forEach(pending -> fail(pending, ServiceUnavailableProblem.databaseUnavailable()));
                        return Uni.createFrom().voidItem();
                    }
                    if (batch.size() > 1) {
                        LOG.warnf("A batch of %d placements failed (%s); placing each alone", batch.size(), failure.toString());
                        return Multi.createFrom().iterable(batch)
                                .onItem().transformToUniAndConcatenate(pending -> execute(List.of(pending), 0))
                                .collect().last()
                                .replaceWithVoid();
                    }
                    LOG.errorf(failure, "A placement failed; nothing of it was written");
                    fail(batch.get(0), notPlaced());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<List<Outcome>> write(SqlConnection connection, List<Pending> batch, boolean lock) {
        Instant now = clock.instant();
        Map<IdempotencyKey.Id, String> fingerprints = new LinkedHashMap<>();
        Set<String> skus = new TreeSet<>();
        for (Pending pending : batch) {
            Placement placement = pending.placement();
            if (placement.idempotencyKey() != null) {
                fingerprints.put(placement.key(), placement.idempotencyKey().fingerprint());
            }
            placement.lines().forEach(line -> skus.add(line.sku()));
        }
        // pipelined: sent one after the other on this connection without waiting for each answer
        return Uni.combine().all().unis(
                        idempotency.claimAll(connection, fingerprints),
                        stock.readForPlacement(connection, List.copyOf(skus), lock),
                        orders.nextNumbers(connection, batch.size()))
                .asTuple()
                .chain(read -> storedResponses(connection, fingerprints, read.getItem1())
                        .map(stored -> decide(batch, read.getItem1(), stored, read.getItem2(), read.getItem3(), now)))
                .chain(decision -> persist(connection, decision, now));
    }

    private Uni<Map<IdempotencyKey.Id, IdempotentRequests.Stored>> storedResponses(
            SqlConnection connection, Map<IdempotencyKey.Id, String> fingerprints, Set<IdempotencyKey.Id> claimed) {
        Map<IdempotencyKey.Id, String> used = new HashMap<>(fingerprints);
        used.keySet().removeAll(claimed);
        return used.isEmpty() ? Uni.createFrom().item(Map.of()) : idempotency.storedAll(connection, used);
    }

    /** What each placement of a batch comes to, in arrival order, against the stock the batch read. */
    private Decision decide(List<Pending> batch, Set<IdempotencyKey.Id> claimed,
                            Map<IdempotencyKey.Id, IdempotentRequests.Stored> stored,
                            Map<String, StockedProduct> products, List<Long> orderNumbers, Instant now) {
        Map<String, Integer> available = new HashMap<>();
        products.values().forEach(product -> available.put(product.sku(), product.available()));
        Decision decision = new Decision(new StockAllotment(available));
        for (int i = 0; i < batch.size(); i++) {
            Placement placement = batch.get(i).placement();
            IdempotencyKey.Id key = placement.key();
            if (key != null && !claimed.contains(key)) {
                decision.outcomes.add(replayed(placement, stored.get(key)));
                continue;
            }
            try {
                OrderChange placed = Order.place(orderNumbers.get(i), placement.customer(), placement.address(),
                        priced(placement.lines(), products), now, holdFor, placement.trackingToken());
                List<Shortage> shortages = decision.allotment.take(heldBy(placed));
                if (!shortages.isEmpty()) {
                    throw new InsufficientStockException(shortages);
                }
                OrderChange change = Order.soldOut(placed, decision.allotment.soldOutBy(heldBy(placed)));
                OrderResponse response = OrderMapper.toResponse(change.order());
                decision.accepted.add(change);
                if (key != null) {
                    decision.responseByKey.put(key, response);
                }
                decision.outcomes.add(new Outcome(response, null));
            } catch (RuntimeException refused) {
                if (key != null) {
                    decision.refusedKeys.add(key);
                }
                decision.outcomes.add(new Outcome(null, refused));
            }
        }
        return decision;
    }

    private Outcome replayed(Placement placement, IdempotentRequests.Stored stored) {
        try {
            return new Outcome(idempotency.replay(placement.idempotencyKey(), stored, OrderResponse.class), null);
        } catch (RuntimeException refused) {
            return new Outcome(null, refused);
        }
    }

    private Uni<List<Outcome>> persist(SqlConnection connection, Decision decision, Instant now) {
        List<Order> placed = decision.accepted.stream().map(OrderChange::order).toList();
        List<OrderEvent> logged = decision.accepted.stream().flatMap(change -> change.events().stream()).toList();
        Uni<Void> inserts = placed.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.combine().all().unis(orders.insertPlaced(connection, placed), events.appendAll(connection, logged))
                        .discardItems();
        // pipelined; if a hold missed, everything is rolled back, so sending the rest anyway is safe
        return Uni.combine().all().unis(
                        stock.holdAll(connection, decision.allotment.holds(), now),
                        inserts,
                        idempotency.settleAll(connection, decision.responseByKey, decision.refusedKeys))
                .asTuple()
                .map(written -> {
                    if (!written.getItem1()) {
                        throw new StockRaced();
                    }
                    return decision.outcomes;
                });
    }

    /** Answers a committed batch's callers, and only then remembers what it found sold out. */
    private void answer(List<Pending> batch, List<Outcome> outcomes) {
        boolean placedAny = false;
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.failure() == null) {
                placedAny = true;
                complete(batch.get(i), outcome.response());
            } else {
                if (outcome.failure() instanceof InsufficientStockException refused) {
                    // only now: a batch that rolled back and ran again may have decided otherwise
                    stock.noteShortages(refused.shortages());
                }
                fail(batch.get(i), outcome.failure());
            }
        }
        if (placedAny) {
            signal.committed();
        }
    }

    // ---------------------------------------------------------------- helpers

    static List<PricedLine> priced(List<SkuQuantity> lines, Map<String, StockedProduct> products) {
        List<String> unknown = lines.stream().map(SkuQuantity::sku).filter(sku -> !products.containsKey(sku))
                .distinct().toList();
        if (!unknown.isEmpty()) {
            throw new OrderRuleViolation("unknown-sku", "No product with SKU " + String.join(", ", unknown));
        }
        return lines.stream()
                .map(line -> {
                    StockedProduct product = products.get(line.sku());
                    return new PricedLine(line.sku(), product.name(), product.price(), line.quantity());
                })
                .toList();
    }

    static List<SkuQuantity> heldBy(OrderChange change) {
        return change.stock().stream().filter(effect -> effect.kind() == StockEffect.Kind.HOLD)
                .flatMap(effect -> effect.lines().stream()).toList();
    }

    private static void complete(Pending pending, OrderResponse response) {
        onCallersContext(pending, () -> pending.caller().complete(response));
    }

    private static void fail(Pending pending, Throwable failure) {
        onCallersContext(pending, () -> pending.caller().fail(failure));
    }

    private static void onCallersContext(Pending pending, Runnable answer) {
        if (pending.context() == null) {
            answer.run();
        } else {
            pending.context().runOnContext(ignored -> answer.run());
        }
    }

    private static ServiceUnavailableProblem notPlaced() {
        return new ServiceUnavailableProblem("placement-failed", "Order not placed",
                "The order could not be placed and nothing of it was written; send it again with the same Idempotency-Key");
    }

    private record Outcome(OrderResponse response, Throwable failure) {
    }

    private static final class Decision {
        final StockAllotment allotment;
        final List<Outcome> outcomes = new ArrayList<>();
        final List<OrderChange> accepted = new ArrayList<>();
        final Map<IdempotencyKey.Id, Object> responseByKey = new HashMap<>();
        final Set<IdempotencyKey.Id> refusedKeys = new HashSet<>();

        Decision(StockAllotment allotment) {
            this.allotment = allotment;
        }
    }
}
