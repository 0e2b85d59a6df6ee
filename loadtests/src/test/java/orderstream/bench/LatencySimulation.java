package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Latency under load (open model): placements arrive at a constant {@code rate} per second
 * (default 200; the bench passes 50% of the measured placement maximum) for {@code duration}
 * seconds, whatever the response times. p50/p99 are the figures.
 *
 * <p>Parameters (Java system properties, defaults in brackets): {@code baseUrl} [http://localhost:8080,
 * localhost only], {@code token} [required: a staff bearer token], {@code skus} [10000: SKU-00001..],
 * {@code duration} [30 s], {@code rate} [200 placements/s].
 */
public class LatencySimulation extends Simulation {

    static final double RATE = Double.parseDouble(System.getProperty("rate", "200"));

    ScenarioBuilder placement = scenario("latency")
            .exec(session -> session.set("body", Bench.orderBody("latency-" + session.userId() % 10_000, Bench.twoSkus())))
            .exec(http("place").post("/orders").body(StringBody("#{body}")).check(status().is(201)));

    {
        setUp(placement.injectOpen(constantUsersPerSec(RATE).during(Bench.DURATION)))
                .protocols(Bench.protocol());
    }
}
