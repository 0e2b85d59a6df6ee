package dev.orderstream.order;

import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Flags the orders an alert rule came to hold for with time alone (nothing changed them: no
 * shipment, no scan, an estimate passed), batch by batch, from the candidates the indexes give
 * ({@link OrderRepository#lockAttentionCandidates}). What a change does to the flags is settled with
 * the change itself ({@code OrderService}). Safe with any number of sweepers on any number of
 * instances: each order is locked by one, and its version check turns a lost race into a rollback.
 */
@ApplicationScoped
public class AttentionSweeper {

    private static final Logger LOG = Logger.getLogger(AttentionSweeper.class);

    private final OrderService orders;
    private final Clock clock;
    private final OrderstreamConfig.Alerts config;

    public AttentionSweeper(OrderService orders, Clock clock, OrderstreamConfig config) {
        this.orders = orders;
        this.clock = clock;
        this.config = config.alerts();
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        if (!config.enabled()) {
            return;
        }
        scheduler.newJob("attention-sweeper")
                .setInterval(config.sweepInterval().toString())
                .setDelayed(config.sweepInterval().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> sweep(clock.instant())
                        .onFailure().invoke(failure -> LOG.warnf("Attention sweep failed, retrying next run: %s", failure.toString()))
                        .onFailure().recoverWithNull()
                        .replaceWithVoid())
                .schedule();
    }

    /**
     * Reviews the candidates at {@code now}, batch by batch while a batch changes something; answers
     * how many orders it flagged or cleared.
     */
    public Uni<Integer> sweep(Instant now) {
        return orders.reviewAttention(now)
                .chain(changed -> changed == 0
                        ? Uni.createFrom().item(0)
                        : sweep(now).map(more -> changed + more));
    }
}
