package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A storefront and back office together: {@code concurrency} clients (default 64) for
 * {@code duration} seconds, each iteration one of: 40% read a product, 40% read a page of recent
 * orders or one order, 20% place an order, authorize its payment and ship it.
 *
 * <p>Parameters (Java system properties, defaults in brackets): {@code baseUrl} [http://localhost:8080,
 * localhost only], {@code token} [required: a staff bearer token], {@code skus} [10000: SKU-00001..],
 * {@code duration} [30 s], {@code concurrency} [64 clients].
 */
public class MixedSimulation extends Simulation {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);

    ScenarioBuilder mixed = scenario("mixed")
            .randomSwitch().on(
                    percent(40.0).then(exec(session -> session.set("sku",
                                    Bench.sku(ThreadLocalRandom.current().nextInt(1, Bench.SKUS + 1))))
                            .exec(http("read product").get("/products/#{sku}").check(status().is(200)))),
                    percent(40.0).then(exec(http("read orders").get("/orders?limit=20").check(status().is(200),
                                    jsonPath("$.items[0].id").optional().saveAs("recent")))
                            .doIf(session -> session.contains("recent")).then(
                                    exec(http("read order").get("/orders/#{recent}").check(status().is(200))))),
                    percent(20.0).then(exec(session -> {
                                String[] skus = Bench.twoSkus();
                                return session.set("body", Bench.orderBody("mixed-" + session.userId() % 10_000, skus))
                                        .set("a", skus[0]).set("b", skus[1]);
                            })
                            .exec(Bench.placeAndAuthorize())
                            .exec(http("ship").post("/orders/#{id}/fulfillments")
                                    .body(StringBody("{\"lines\":[{\"sku\":\"#{a}\",\"quantity\":1},{\"sku\":\"#{b}\","
                                            + "\"quantity\":1}],\"carrier\":\"DHL\",\"trackingNumber\":\"T-#{id}\"}"))
                                    .check(status().is(200)))));

    {
        setUp(mixed.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Bench.DURATION)))
                .protocols(Bench.protocol());
    }
}
