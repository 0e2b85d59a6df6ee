package dev.orderstream.analytics;

import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.OrderService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Projects the event log into the analytics rollups: reads the settled events after its stored
 * position, in stream order, a batch at a time, and adds what they count to the rollups and moves
 * the position in one transaction ({@link AnalyticsRepository#withProjection}). So each event is
 * counted exactly once, whichever instance reads it (one at a time holds the position; the others
 * skip), and a crash mid-batch counts nothing of it. Every tick reads until it has caught up.
 */
@ApplicationScoped
public class AnalyticsProjector {

    private static final Logger LOG = Logger.getLogger(AnalyticsProjector.class);
    private static final int MAX_BATCHES_PER_TICK = 50;

    private final AnalyticsRepository analytics;
    private final EventStore events;
    private final OrderService orders;
    private final OrderstreamConfig.Analytics config;

    public AnalyticsProjector(AnalyticsRepository analytics, EventStore events, OrderService orders,
                              OrderstreamConfig config) {
        this.analytics = analytics;
        this.events = events;
        this.orders = orders;
        this.config = config.analytics();
    }

    @Scheduled(identity = "analytics-projector", every = "${orderstream.analytics.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> tick() {
        return Multi.createBy().repeating().uni(this::projectBatch).whilst(read -> read == config.batchSize())
                .select().first(MAX_BATCHES_PER_TICK)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Analytics projector: %s (it reads the batch again next time)", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** One batch: how many events it read (0: caught up, or another instance is projecting). */
    Uni<Integer> projectBatch() {
        return analytics.<Integer>withProjection((connection, from) -> events.after(from, EventFilter.ALL, config.batchSize())
                        .chain(batch -> batch.isEmpty() ? Uni.createFrom().item(0) : project(connection, batch)
                                .chain(() -> analytics.moveTo(connection, batch.get(batch.size() - 1).position()))
                                .replaceWith(batch.size())))
                .map(read -> read == null ? 0 : read);
    }

    /** What a batch adds to the sales, the post-sale, stock and delivery figures and the lead times, written on the projection's connection. */
    private Uni<Void> project(io.vertx.mutiny.sqlclient.SqlConnection connection, List<OrderEvent> batch) {
        Set<UUID> ids = batch.stream().map(OrderEvent::orderId).filter(Objects::nonNull).collect(Collectors.toSet());
        return orders.salesFactsOf(ids).chain(facts -> analytics.addSales(connection, SalesRollup.of(batch, facts, config.zone()))
                .chain(() -> analytics.returnedBefore(connection, ids))
                .chain(returned -> analytics.addPostSale(connection, PostSaleRollup.of(batch, facts, returned, config.zone())))
                .chain(() -> analytics.addStock(connection, StockRollup.of(batch, facts, config.zone())))
                .chain(() -> analytics.shipments(connection, ids))
                .chain(shipments -> analytics.addDelivery(connection, DeliveryRollup.of(batch, facts, shipments, config.zone())))
                .chain(() -> analytics.milestones(connection, ids))
                .chain(seen -> analytics.addLeadTimes(connection, LeadTimes.of(batch, facts, seen, config.zone()))));
    }

    /** Turns the projector off where {@code orderstream.analytics.enabled=false}. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {
        private final boolean enabled;

        public Disabled(OrderstreamConfig config) {
            this.enabled = config.analytics().enabled();
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !enabled;
        }
    }
}
