package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Latency under load (open model): placements arrive at a constant {@code rate} per second
 * (default 200; the bench passes 50% of the measured placement maximum) for {@code leadIn} plus
 * {@code duration} seconds, whatever the response times. p50/p99 are the figures. The bench's
 * latency and bulk rows use {@link OpenLoad} instead (it costs the shared CPU a seventh of what
 * Gatling does); this simulation runs once after it, as the diagnostic row {@code latency-gatling}.
 *
 * <p>The first {@code leadIn} seconds (default 0) arrive at the same rate but are not timed: on a
 * box the load generator shares with the service, the generator's own start (its JVM compiling
 * Gatling while the first requests go out) competes with the service for the CPU in the first
 * seconds. Gatling's own figures cover the whole run; {@link Flows} ({@code flowsOut}) times only
 * the placements sent after the lead-in.
 *
 * <p>Parameters (Java system properties, defaults in brackets): {@code baseUrl} [http://localhost:8080,
 * localhost only], {@code token} [required: a staff bearer token], {@code skus} [10000: SKU-00001..],
 * {@code duration} [30 s], {@code rate} [200 placements/s], {@code leadIn} [0 s], {@code flowsOut}
 * [no file].
 */
public class LatencySimulation extends Simulation {

    static final double RATE = Double.parseDouble(System.getProperty("rate", "200"));
    static final int LEAD_IN = Integer.getInteger("leadIn", 0);
    static volatile long measureFrom = Long.MAX_VALUE;

    ScenarioBuilder placement = scenario("latency")
            .exec(session -> session.set("body", Bench.orderBody("latency-" + session.userId() % 10_000, Bench.twoSkus()))
                    .set("t0", Flows.start()))
            .exec(http("place").post("/orders").body(StringBody("#{body}")).check(status().is(201)))
            .exec(session -> {
                if (session.getLong("t0") >= measureFrom) {
                    Flows.end(session.getLong("t0"), session);
                }
                return session;
            });

    {
        setUp(placement.injectOpen(constantUsersPerSec(RATE).during(LEAD_IN + Bench.DURATION)))
                .protocols(Bench.protocol());
    }

    @Override
    public void before() {
        measureFrom = System.nanoTime() + LEAD_IN * 1_000_000_000L;
    }

    @Override
    public void after() {
        Flows.write();
    }
}
