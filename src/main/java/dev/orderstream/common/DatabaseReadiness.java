package dev.orderstream.common;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Readiness means "this instance can serve requests now": a {@code SELECT 1} through the reactive
 * pool that serves every request, answered within {@link #TIMEOUT}. It stands in for Quarkus' own
 * data source checks ({@code quarkus.datasource.health.enabled=false}), which also check the JDBC
 * pool that exists only for Flyway at start: that pool could stay DOWN long after PostgreSQL came
 * back while the reactive pool served again, taking a healthy instance out of the load balancer.
 * The two checks cannot be told apart by configuration ({@code health-exclude} names a data
 * source, and both pools are the default one).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "Database (the reactive pool that serves requests)";
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;

    public DatabaseReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> HealthCheckResponse.named(NAME).up().build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", failure.getClass().getSimpleName()
                                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()))
                        .build());
    }
}
