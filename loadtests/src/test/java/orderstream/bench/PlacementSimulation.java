package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Placement at saturation: {@code concurrency} clients (default 64) each place 2-line orders over the
 * seeded SKUs back to back for {@code duration} seconds (closed model). The throughput with zero
 * errors is the maximum sustained placement rate.
 *
 * <p>Parameters (Java system properties, defaults in brackets): {@code baseUrl} [http://localhost:8080,
 * localhost only], {@code token} [required: a staff bearer token], {@code skus} [10000: SKU-00001..],
 * {@code duration} [30 s], {@code concurrency} [64 clients].
 */
public class PlacementSimulation extends Simulation {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);

    ScenarioBuilder placement = scenario("placement")
            .exec(session -> session.set("body", Bench.orderBody("bench-" + session.userId() % 10_000, Bench.twoSkus())))
            .exec(http("place").post("/orders").body(StringBody("#{body}")).check(status().is(201)));

    {
        setUp(placement.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Bench.DURATION)))
                .protocols(Bench.protocol());
    }
}
