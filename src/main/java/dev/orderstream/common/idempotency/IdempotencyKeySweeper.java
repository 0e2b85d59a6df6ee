package dev.orderstream.common.idempotency;

import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Forgets stored responses once they are older than the retention (48 hours by default, never under 24). */
@ApplicationScoped
public class IdempotencyKeySweeper {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeySweeper.class);

    private final IdempotentRequests requests;
    private final OrderstreamConfig config;

    public IdempotencyKeySweeper(IdempotentRequests requests, OrderstreamConfig config) {
        this.requests = requests;
        this.config = config;
    }

    @Scheduled(identity = "idempotency-key-sweeper", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldKeys() {
        java.time.Duration retention = config.idempotency().retention();
        java.time.Duration atLeast = retention.compareTo(java.time.Duration.ofHours(24)) < 0
                ? java.time.Duration.ofHours(24) : retention;
        return Panache.withTransaction(() -> requests.forgetOlderThan(atLeast))
                .invoke(deleted -> LOG.debugf("Forgot %d idempotency key(s)", deleted))
                .onFailure().invoke(failure -> LOG.warnf("Idempotency key sweep failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
