package dev.orderstream.order;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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

    public ExpirySweeper(OrderService orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    @Scheduled(identity = "expiry-sweeper", every = "${orderstream.reservation.sweep-interval:10s}",
            delayed = "${orderstream.reservation.sweep-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
