package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Orderstream's side of the peer comparison (loadtests/bench peer): the outcome a storefront's
 * checkout has, an order placed and paid for (its payment authorized, so the order is CONFIRMED and
 * can be shipped), in Orderstream's two calls: {@code POST /orders}, then {@code POST
 * /orders/{id}/payments}. One line of one product ({@code sku}, default HOT-1, which never sells
 * out), as the peer's store sells its one product. {@code concurrency} clients back to back for
 * {@code duration} seconds (closed model); the whole flow is timed by {@link Flows}.
 *
 * <p>Parameters (Java system properties, defaults in brackets): {@code baseUrl}, {@code token},
 * {@code duration} [30 s], {@code concurrency} [64], {@code sku} [HOT-1], {@code flowsOut} [no file].
 */
public class CheckoutSimulation extends Simulation {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);
    static final String SKU = System.getProperty("sku", "HOT-1");

    ScenarioBuilder checkout = scenario("orderstream checkout")
            .exec(session -> session.set("t0", Flows.start())
                    .set("body", Bench.orderBody("checkout-" + session.userId() % 10_000, SKU)))
            .exitBlockOnFail().on(Bench.placeAndAuthorize())
            .exec(session -> {
                Flows.end(session.getLong("t0"), session);
                return session;
            });

    {
        setUp(checkout.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Bench.DURATION)))
                .protocols(Bench.protocol());
    }

    @Override
    public void after() {
        Flows.write();
    }
}
