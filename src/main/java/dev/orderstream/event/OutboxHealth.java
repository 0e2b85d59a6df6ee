package dev.orderstream.event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    private final EventStore store;
    private final OutboxRelay relay;
    private final EventNotifications notifications;
    private final OrderstreamConfig.Events.Relay config;
    private final AtomicLong unpublished = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxHealth(EventStore store, OutboxRelay relay, EventNotifications notifications, OrderstreamConfig config,
                        MeterRegistry registry) {
        this.store = store;
        this.relay = relay;
        this.notifications = notifications;
        this.config = config.events().relay();
        Gauge.builder("orderstream.outbox.unpublished", unpublished, AtomicLong::get)
                .description("Events in the log not yet confirmed by RabbitMQ")
                .register(registry);
        Gauge.builder("orderstream.outbox.oldest.age.seconds", oldestAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest event not yet confirmed by RabbitMQ")
                .register(registry);
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        scheduler.newJob("outbox-lag")
                .setInterval(config.pollInterval().toString())
                .setAsyncTask(execution -> measure())
                .schedule();
    }

    Uni<Void> measure() {
        return store.lag()
                .invoke(lag -> {
                    unpublished.set(lag.unpublished());
                    oldestAgeMillis.set(lag.oldest().toMillis());
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
                .withData("listeningForOtherInstances", notifications.isListening())
                .build());
    }
}
