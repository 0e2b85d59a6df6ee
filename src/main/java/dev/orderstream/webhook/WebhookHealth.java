package dev.orderstream.webhook;

import dev.orderstream.common.OrderstreamConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The webhook backlog per endpoint, as metrics ({@code orderstream.webhooks.backlog} and
 * {@code orderstream.webhooks.backlog.oldest.age.seconds}, tagged by endpoint) and in the
 * readiness report, with the endpoints that are disabled. Always UP: a merchant's endpoint being
 * down or disabled is no reason to take this instance out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class WebhookHealth implements AsyncHealthCheck {

    private final WebhookRepository webhooks;
    private final OrderstreamConfig.Webhooks config;
    private final Clock clock;
    private final MultiGauge pending;
    private final MultiGauge oldest;
    private volatile List<WebhookRepository.Backlog> last = List.of();

    public WebhookHealth(WebhookRepository webhooks, OrderstreamConfig config, Clock clock, MeterRegistry registry) {
        this.webhooks = webhooks;
        this.config = config.webhooks();
        this.clock = clock;
        this.pending = MultiGauge.builder("orderstream.webhooks.backlog")
                .description("Webhook deliveries not yet acknowledged, per endpoint").register(registry);
        this.oldest = MultiGauge.builder("orderstream.webhooks.backlog.oldest.age.seconds")
                .description("Age of the oldest webhook delivery not yet acknowledged, per endpoint").register(registry);
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        if (config.enabled()) {
            scheduler.newJob("webhook-backlog")
                    .setInterval(Duration.ofSeconds(Math.max(1, config.pollInterval().toSeconds() * 5)).toString())
                    .setAsyncTask(execution -> measure())
                    .schedule();
        }
    }

    Uni<Void> measure() {
        return webhooks.backlog()
                .invoke(backlog -> {
                    last = backlog;
                    pending.register(backlog.stream().map(row -> MultiGauge.Row.of(Tags.of("endpoint",
                            row.endpointId().toString()), row.pending())).toList(), true);
                    oldest.register(backlog.stream().map(row -> MultiGauge.Row.of(Tags.of("endpoint",
                            row.endpointId().toString()), row.oldestPending() == null ? 0
                            : Duration.between(row.oldestPending(), clock.instant()).toSeconds())).toList(), true);
                })
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<WebhookRepository.Backlog> backlog = last;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Webhooks").up()
                .withData("endpoints", backlog.size())
                .withData("pendingDeliveries", backlog.stream().mapToLong(WebhookRepository.Backlog::pending).sum());
        List<String> disabled = backlog.stream().filter(row -> !row.enabled())
                .map(row -> row.endpointId() + " (" + row.disabledReason() + ")").toList();
        response.withData("disabledEndpoints", disabled.isEmpty() ? "none" : String.join("; ", disabled));
        return Uni.createFrom().item(response.build());
    }
}
