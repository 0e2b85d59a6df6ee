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
 * Expires unpaid orders whose hold ran out and releases their stock. Safe with any number of
 * sweepers on any number of instances: each locks its batch with {@code FOR UPDATE SKIP LOCKED},
 * and the order's version check turns a lost race into a rollback, so every hold is released once.
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class);

    private final OrderService orders;
    private final Clock clock;
    private final OrderstreamConfig.Reservation config;

    public ExpirySweeper(OrderService orders, Clock clock, OrderstreamConfig config) {
        this.orders = orders;
        this.clock = clock;
        this.config = config.reservation();
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        scheduler.newJob("expiry-sweeper")
                .setInterval(config.sweepInterval().toString())
                .setDelayed(config.sweepDelay().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> sweepOnSchedule())
                .schedule();
    }

    Uni<Void> sweepOnSchedule() {
        return sweep(clock.instant())
                .onFailure().invoke(failure -> LOG.warnf("Expiry sweep failed, retrying next run: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Expires every order whose hold ran out before {@code now}, batch by batch; returns how many. */
    public Uni<Integer> sweep(Instant now) {
        return orders.expireOverdue(now)
                .chain(expired -> expired == 0
                        ? Uni.createFrom().item(0)
                        : sweep(now).map(more -> expired + more))
                .invoke(expired -> {
                    if (expired > 0) {
                        LOG.infof("Expired %d unpaid order(s)", expired);
                    }
                });
    }
}
