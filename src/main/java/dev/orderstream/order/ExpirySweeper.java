package dev.orderstream.order;

import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.Pacer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
    private final Pacer pacer;

    public ExpirySweeper(OrderService orders, Clock clock, OrderstreamConfig config, Pacer pacer) {
        this.orders = orders;
        this.pacer = pacer;
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

    /**
     * Expires every order whose hold ran out before {@code now}, batch by batch; returns how many. A
     * batch that fails is done again order by order, each alone: an order that still cannot expire is
     * logged and left for the next sweep, and the others expire.
     */
    public Uni<Integer> sweep(Instant now) {
        return sweepFrom(now, 0).invoke(expired -> {
            if (expired > 0) {
                LOG.infof("Expired %d unpaid order(s)", expired);
            }
        });
    }

    /**
     * One batch once the API is not busy ({@link Pacer#quiet}: while {@code sweep-yield-above-requests}
     * requests or more have been in flight lately, at most {@code sweep-max-yield}), then a rest
     * {@code sweep-rest-ratio} times as long as the batch took, then the next: a mass expiry (a flash
     * sale's abandoned checkouts 15 minutes later) gives way to the placements arriving meanwhile, as a
     * bulk job does, and takes at most 1 / (1 + ratio) of one thread's time, yet always progresses.
     */
    private Uni<Integer> sweepFrom(Instant now, int expiredSoFar) {
        return pacer.quiet(config.sweepYieldAboveRequests(), config.sweepMaxYield()).chain(() -> {
            long began = System.nanoTime();
            return orders.expireOverdue(now)
                    .onFailure().recoverWithUni(failure -> expireEachAlone(now, failure))
                    .chain(expired -> expired == 0
                            ? Uni.createFrom().item(expiredSoFar)
                            : pacer.restAfter(began, config.sweepRestRatio()).chain(() -> sweepFrom(now, expiredSoFar + expired)));
        });
    }

    private Uni<Integer> expireEachAlone(Instant now, Throwable batchFailure) {
        LOG.warnf("An expiry batch failed (%s); expiring each of its orders alone", batchFailure.toString());
        return orders.overdue(now)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> orders.expireOne(id, now)
                                .onFailure().recoverWithItem(failure -> {
                                    LOG.errorf("Order %s could not expire; the next sweep tries again: %s", id,
                                            failure.toString());
                                    return false;
                                }))
                        .filter(Boolean::booleanValue)
                        .collect().asList())
                .map(List::size);
    }
}
