package dev.orderstream.event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox lag: how many events wait to be published to RabbitMQ and how old the oldest is.
 * Exposed as metrics and in the readiness report, always UP: a broker outage must not take the
 * API out of the load balancer, since orders keep being taken and events wait in the log.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements AsyncHealthCheck {

    private final Pool pool;
    private final OutboxRelay relay;
    private final AtomicLong unpublished = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxHealth(Pool pool, OutboxRelay relay, MeterRegistry registry) {
        this.pool = pool;
        this.relay = relay;
        Gauge.builder("orderstream.outbox.unpublished", unpublished, AtomicLong::get)
                .description("Events in the log not yet confirmed by RabbitMQ")
                .register(registry);
        Gauge.builder("orderstream.outbox.oldest.age.seconds", oldestAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest event not yet confirmed by RabbitMQ")
                .register(registry);
    }

    @Scheduled(identity = "outbox-lag", every = "${orderstream.events.relay.poll-interval:1s}")
    Uni<Void> measure() {
        return pool.query("""
                        SELECT count(*) AS waiting,
                               COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)) * 1000, 0)::bigint AS oldest_ms
                        FROM order_events WHERE published_at IS NULL""")
                .execute()
                .invoke(rows -> {
                    var row = rows.iterator().next();
                    unpublished.set(row.getLong("waiting"));
                    oldestAgeMillis.set(row.getLong("oldest_ms"));
                })
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(HealthCheckResponse.named("Event outbox (RabbitMQ relay)")
                .up()
                .withData("unpublished", unpublished.get())
                .withData("oldestUnpublishedAgeSeconds", oldestAgeMillis.get() / 1000)
                .withData("relayActiveHere", relay.isActive())
                .build());
    }
}
