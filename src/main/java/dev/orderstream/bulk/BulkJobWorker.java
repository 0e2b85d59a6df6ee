package dev.orderstream.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.bulk.api.ImportLineRequest;
import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.Pacer;
import dev.orderstream.common.idempotency.IdempotencyKeys;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.problem.ProblemMappers;
import dev.orderstream.common.security.Caller;
import dev.orderstream.order.CancellationReason;
import dev.orderstream.order.ChangeContext;
import dev.orderstream.order.OrderCommand;
import dev.orderstream.order.OrderFilter;
import dev.orderstream.order.OrderRuleViolation;
import dev.orderstream.order.OrderService;
import dev.orderstream.order.StockMode;
import dev.orderstream.order.api.OrderResponse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Works bulk jobs off the request path: takes the oldest open job no live instance holds (a lease
 * in its row, renewed after every batch, so a job whose instance died is resumed by another), fixes
 * its set of orders when it starts, then does each order with the same {@link OrderService} verb,
 * rules, version check and events as the single-order endpoint, recording a result per order.
 * <p>
 * Each order's change carries the idempotency key {@code <job>:<order>}: a job resumed after a
 * crash between an order's change and its result gets the stored answer back, and never captures or
 * ships twice. A dry run does each order's change in a transaction that is rolled back: the answer
 * is exactly what the real run would get, and nothing changes. While the API is busy the worker
 * gives way ({@code orderstream.bulk.yield-above-requests}); after each order it rests
 * ({@code orderstream.bulk.rest-ratio}); between batches it pauses ({@code orderstream.bulk.pause})
 * and looks at the job again (a cancellation stops it there).
 */
@ApplicationScoped
public class BulkJobWorker {

    private static final Logger LOG = Logger.getLogger(BulkJobWorker.class);
    static final String PROVIDER = "bulk-job";

    private final BulkJobRepository jobs;
    private final BulkJobTransitions transitions;
    private final OrderService orders;
    private final OrderstreamConfig.Bulk config;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final Pacer pacer;
    private final String instance = UUID.randomUUID().toString();

    public BulkJobWorker(BulkJobRepository jobs, BulkJobTransitions transitions, OrderService orders,
                         OrderstreamConfig config, IdempotencyKeys keys, ObjectMapper json, Pacer pacer) {
        this.pacer = pacer;
        this.jobs = jobs;
        this.transitions = transitions;
        this.json = json;
        this.keys = keys;
        this.orders = orders;
        this.config = config.bulk();
    }

    @Scheduled(identity = "bulk-jobs", every = "${orderstream.bulk.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = BulkJobsDisabled.class)
    Uni<Void> poll() {
        return workNext().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Bulk job worker: %s (the job is taken up again later)", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Works the oldest open job to its end (or until its lease is lost); true if there was one. */
    Uni<Boolean> workNext() {
        return jobs.claim(instance, config.lease()).chain(claimed -> claimed.isEmpty()
                ? Uni.createFrom().item(false)
                : start(claimed.get()).chain(this::workToTheEnd).replaceWith(true));
    }

    private Uni<BulkJob> start(BulkJob job) {
        if (job.state() != BulkJobState.QUEUED) {
            return Uni.createFrom().item(job); // resumed: its set is fixed already
        }
        if (job.cancelRequested()) {
            return transitions.finish(job.id(), BulkJobState.CANCELLED, null);
        }
        if (job.operation() == BulkOperation.IMPORT) {
            return transitions.start(job.id(), List.of()); // its items are the file's lines, stored with the job
        }
        return orderSet(job).chain(ids -> ids.size() > config.maxOrders()
                ? transitions.finish(job.id(), BulkJobState.FAILED, "The filter matches more than " + config.maxOrders()
                + " orders; narrow it")
                : transitions.start(job.id(), ids));
    }

    private Uni<List<UUID>> orderSet(BulkJob job) {
        return jobs.selector(job.id()).chain(selector -> {
            JsonArray ids = selector.getJsonArray("orderIds");
            if (ids != null) {
                List<UUID> set = new ArrayList<>(ids.size());
                ids.forEach(id -> set.add(UUID.fromString((String) id)));
                return Uni.createFrom().item(set);
            }
            OrderFilter filter = BulkJobSpecs.filterOf(selector.getJsonObject("filter"));
            return orders.idsMatching(filter, config.maxOrders() + 1);
        });
    }

    /** Batch after batch until nothing is pending, the job is cancelled or stopped, or the lease is lost. */
    private Uni<Void> workToTheEnd(BulkJob started) {
        if (started.state().finished()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createBy().repeating().uni(() -> batch(started.id()))
                .whilst(continued -> continued)
                .collect().last()
                .replaceWithVoid();
    }

    /** One batch; false once the job ended or is no longer this instance's. */
    private Uni<Boolean> batch(UUID id) {
        return jobs.find(id).map(Optional::orElseThrow).chain(job -> {
            if (job.state().finished()) {
                return Uni.createFrom().item(false);
            }
            if (job.cancelRequested()) {
                return transitions.finish(id, BulkJobState.CANCELLED, null).replaceWith(false);
            }
            return jobs.pending(id, config.batchSize()).chain(items -> {
                if (items.isEmpty()) {
                    return transitions.finish(id, job.failed() == 0 ? BulkJobState.SUCCEEDED
                            : BulkJobState.COMPLETED_WITH_ERRORS, null).replaceWith(false);
                }
                Multi<Boolean> outcomes = Multi.createFrom().iterable(items)
                        .onItem().transformToUniAndConcatenate(item -> paced(() -> one(job, item)));
                if (job.stopOnError()) {
                    // the first failure ends the job: the orders after it are not tried
                    outcomes = outcomes.select().first(succeeded -> succeeded);
                }
                return outcomes.collect().asList().chain(succeeded -> succeeded.size() < items.size()
                        ? transitions.finish(id, BulkJobState.COMPLETED_WITH_ERRORS, null).replaceWith(false)
                        : jobs.renew(id, instance, config.lease()).call(() -> pacer.sleep(config.pause())));
            });
        });
    }

    /**
     * One order, once the API is not busy ({@link Pacer#quiet}: while {@code yield-above-requests}
     * requests or more have been in flight lately, at most {@code max-yield}, so that a job gives a
     * flash sale's requests the cores and still always progresses), then a rest {@code rest-ratio}
     * times as long as it took. Resting after every order, not after a batch, spreads a job's work
     * evenly: the API's requests never meet a batch's orders done back to back, and a job uses at most
     * 1 / (1 + ratio) of the time of the one order after another it works, whatever an order costs.
     */
    private <T> Uni<T> paced(Supplier<Uni<T>> work) {
        return pacer.quiet(config.yieldAboveRequests(), config.maxYield()).chain(() -> {
            long began = System.nanoTime();
            return work.get().call(() -> pacer.restAfter(began, config.restRatio()));
        });
    }

    /** What one item came to: the order it changed (or an import made or found), and a note; or its problem. */
    private record Outcome(UUID orderId, String note, Problem problem) {
    }

    /** One order: its change, then its result; true if it succeeded. */
    private Uni<Boolean> one(BulkJob job, BulkJobRepository.Item item) {
        return apply(job, item)
                .onFailure(e -> ProblemMappers.answerOf(e).isPresent())
                .recoverWithItem(e -> new Outcome(item.orderId(), null, ProblemMappers.answerOf(e).orElseThrow()))
                .chain(outcome -> jobs.record(job.id(), item.position(), outcome.problem() == null,
                                outcome.problem() == null ? null : json(outcome.problem()), outcome.orderId(), outcome.note())
                        .replaceWith(outcome.problem() == null));
    }

    /** The item's change, really or in a transaction rolled back (a dry run). */
    private Uni<Outcome> apply(BulkJob job, BulkJobRepository.Item item) {
        if (!job.dryRun()) {
            return change(job, item, true);
        }
        return Panache.withTransaction(() -> change(job, item, false)
                .call(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback)));
    }

    private Uni<Outcome> change(BulkJob job, BulkJobRepository.Item item, boolean keyed) {
        if (job.operation() == BulkOperation.IMPORT) {
            return importLine(job, item);
        }
        return change(job, item.orderId(), item.line(), keyed).replaceWith(new Outcome(item.orderId(), null, null));
    }

    /**
     * One line of an import file: its order imported (or, imported before, found: nothing is created
     * twice). No idempotency key is needed: the order's {@code (channel, externalOrderId)} is one.
     * In a dry run the order's number is used up (a sequence does not roll back).
     */
    private Uni<Outcome> importLine(BulkJob job, BulkJobRepository.Item item) {
        ImportLineRequest line;
        try {
            line = json.readValue(item.line().encode(), ImportLineRequest.class); // checked when the file came in
        } catch (java.io.IOException e) {
            throw new IllegalStateException("import line " + item.position() + " of job " + job.id() + " is unreadable", e);
        }
        StockMode mode = BulkJobSpecs.stockModeOf(job.params());
        return orders.importOrder(line.toCommand(mode)).map(imported -> new Outcome(imported.orderId(),
                imported.created() ? null : "imported before as order " + imported.number(), null));
    }

    /** One order's change; {@code own} is what the job holds for this order alone (a fulfill job's shipment). */
    private Uni<Void> change(BulkJob job, UUID orderId, JsonObject own, boolean keyed) {
        Caller caller = caller(job);
        JsonObject params = job.params();
        Function<String, ChangeContext> key = suffix -> context(caller, keyed, job, orderId + suffix, own);
        return switch (job.operation()) {
            // this job's own capture, done before a crash, has its reference: repeating it changes nothing
            case CAPTURE -> orders.captureRemaining(orderId, PROVIDER, "bulk-" + job.id(), key.apply(""))
                    .replaceWithVoid();
            case FULFILL -> orders.get(orderId, caller).chain(order -> {
                String trackingNumber = own == null ? null : own.getString("trackingNumber");
                if (trackingNumber == null) {
                    throw new OrderRuleViolation("missing-tracking-number", "No tracking number",
                            "params.items names no tracking number for order " + order.number());
                }
                String carrier = Optional.ofNullable(own.getString("carrier")).orElse(params.getString("carrier"));
                // this job's own shipment, made before a crash: repeating it (same carrier and number) changes nothing
                Optional<List<SkuQuantity>> done = order.fulfillments().stream()
                        .filter(shipment -> trackingNumber.equals(shipment.trackingNumber())
                                && shipment.carrier().equals(carrier))
                        .map(OrderResponse.FulfillmentResponse::lines).findFirst();
                List<SkuQuantity> unshipped = order.lines().stream()
                        .filter(line -> line.quantity() > line.shippedQuantity())
                        .map(line -> new SkuQuantity(line.sku(), line.quantity() - line.shippedQuantity()))
                        .toList();
                if (done.isEmpty() && unshipped.isEmpty()) {
                    throw new OrderRuleViolation("nothing-to-ship", "Nothing to ship",
                            "Every unit of order " + order.number() + " has shipped");
                }
                return orders.fulfill(orderId, new OrderCommand.Fulfill(done.orElse(unshipped), carrier, trackingNumber,
                        own.getString("trackingUrl")), key.apply(""));
            }).replaceWithVoid();
            case CANCEL -> orders.cancel(orderId, new OrderCommand.Cancel(
                            CancellationReason.valueOf(params.getString("reason")), params.getString("note")),
                    key.apply("")).replaceWithVoid();
            case TAG -> orders.tag(orderId, BulkJobSpecs.tagsOf(params), key.apply(""))
                    .replaceWithVoid();
            case UNTAG -> orders.untag(orderId, BulkJobSpecs.tagsOf(params), key.apply(""))
                    .replaceWithVoid();
            case IMPORT -> throw new IllegalStateException("an import's items are lines, worked by importLine");
            case ADD_PUBLIC_NOTE -> orders.addPublicNote(orderId, params.getString("message"),
                    key.apply("")).replaceWithVoid();
            case DELIVER -> orders.get(orderId, caller).chain(order -> {
                // every shipment not yet delivered; an order whose shipments all arrived is left as it is
                if (order.fulfillments().isEmpty()) {
                    throw new OrderRuleViolation("nothing-to-deliver", "Nothing to deliver",
                            "Order " + order.number() + " has no shipment (status " + order.status() + ")");
                }
                List<OrderResponse.FulfillmentResponse> open = order.fulfillments().stream()
                        .filter(shipment -> shipment.deliveredAt() == null).toList();
                if (open.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                return Multi.createFrom().iterable(open)
                        .onItem().transformToUniAndConcatenate(shipment -> orders.deliver(orderId,
                                new OrderCommand.Deliver(shipment.id()),
                                key.apply(":" + shipment.id())))
                        .collect().last().replaceWithVoid();
            });
        };
    }

    /**
     * An order's change's context: as the job's creator, with the key {@code <job>:<orderKey>}
     * unless it is a dry run. Its fingerprint is the job's params and what the job holds for this
     * order alone ({@code own}): never the whole list of every order's shipments.
     */
    private ChangeContext context(Caller caller, boolean keyed, BulkJob job, String orderKey, JsonObject own) {
        if (!keyed) {
            return new ChangeContext(caller, null, null);
        }
        Object body = own == null ? job.params().getMap()
                : Map.of("params", job.params().getMap(), "order", own.getMap());
        return new ChangeContext(caller, null,
                keys.forWork("bulk-job " + job.id(), orderKey, job.operation().wire(), body));
    }

    private static Caller caller(BulkJob job) {
        return new Caller(true, false, Optional.empty(), job.createdBy());
    }

    private static JsonObject json(Problem problem) {
        return JsonObject.mapFrom(problem); // type, title, status, detail and the problem's own members
    }

    /** Turns the worker off where {@code orderstream.bulk.enabled=false}. */
    @ApplicationScoped
    public static class BulkJobsDisabled implements Scheduled.SkipPredicate {
        private final boolean enabled;

        public BulkJobsDisabled(OrderstreamConfig config) {
            this.enabled = config.bulk().enabled();
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !enabled;
        }
    }
}
