package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * One hot SKU: {@code concurrency} clients (default 64) order one unit of the same SKU
 * ({@code flashSku}) back to back for {@code duration} seconds. The bench runs it twice: on HOT-1,
 * whose stock never runs out (the hot-row rate), and on FLASH-1, seeded with limited stock (the
 * sell-out). A 201 (held) and a 409 (sold out) are both correct answers; the bench checks afterwards
 * that exactly the stock was sold and that nothing was oversold.
 *
 * <p>Parameters (Java system properties, defaults in brackets): {@code baseUrl} [http://localhost:8080,
 * localhost only], {@code token} [required: a staff bearer token], {@code skus} [10000: SKU-00001..],
 * {@code duration} [30 s], {@code concurrency} [64 clients], {@code flashSku} [FLASH-1].
 */
public class FlashSaleSimulation extends Simulation {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);
    static final String FLASH_SKU = System.getProperty("flashSku", "FLASH-1");

    ScenarioBuilder flash = scenario("flash sale")
            .exec(session -> session.set("body", Bench.orderBody("flash-" + session.userId(), FLASH_SKU)))
            .exec(http("place hot SKU").post("/orders").body(StringBody("#{body}")).check(status().in(201, 409)));

    {
        setUp(flash.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Bench.DURATION)))
                .protocols(Bench.protocol());
    }
}
