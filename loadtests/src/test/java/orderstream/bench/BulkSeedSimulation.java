package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Not measured: the bulk row's orders. {@code orders} orders (default 10,000) of customers
 * {@code bulk-*}, each placed and its payment authorized (CONFIRMED, nothing captured), by
 * {@code concurrency} clients (default 64), for the bench's 10,000-order capture job.
 *
 * <p>Parameters (Java system properties, defaults in brackets): {@code baseUrl}, {@code token},
 * {@code skus}, {@code orders} [10000], {@code concurrency} [64].
 */
public class BulkSeedSimulation extends Simulation {

    static final int ORDERS = Integer.getInteger("orders", 10_000);
    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);

    ScenarioBuilder seed = scenario("bulk seed")
            .repeat(ORDERS / CONCURRENCY + 1).on(
                    exec(session -> session.set("body",
                            Bench.orderBody("bulk-" + session.userId() % 10_000, Bench.twoSkus())))
                            .exec(Bench.placeAndAuthorize()));

    {
        setUp(seed.injectOpen(atOnceUsers(CONCURRENCY))).protocols(Bench.protocol());
    }
}
