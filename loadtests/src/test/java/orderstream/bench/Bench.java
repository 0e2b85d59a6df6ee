package orderstream.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What every simulation shares. Parameters are Java system properties (the bench script passes
 * them with -D):
 * <ul>
 *   <li>{@code baseUrl}: the service, default {@code http://localhost:8080} (loopback only);</li>
 *   <li>{@code token}: a staff bearer token (staff are not rate limited); required;</li>
 *   <li>{@code skus}: how many SKUs were seeded as SKU-00001.., default 10000;</li>
 *   <li>{@code duration}: seconds each simulation runs, default 30.</li>
 * </ul>
 */
final class Bench {

    static final String BASE_URL = System.getProperty("baseUrl", "http://localhost:8080");
    static final String TOKEN = System.getProperty("token", "");
    static final int SKUS = Integer.getInteger("skus", 10_000);
    static final int DURATION = Integer.getInteger("duration", 30);

    private Bench() {
    }

    static HttpProtocolBuilder protocol() {
        return anonymous()
                .authorizationHeader("Bearer " + TOKEN)
                .contentTypeHeader("application/json")
                .acceptHeader("application/json");
    }

    /** Without a bearer token: a shopper's browser. */
    static HttpProtocolBuilder anonymous() {
        if (!BASE_URL.startsWith("http://localhost") && !BASE_URL.startsWith("http://127.0.0.1")) {
            throw new IllegalArgumentException("the benchmark only targets localhost, not " + BASE_URL);
        }
        return http.baseUrl(BASE_URL).shareConnections();
    }

    static String sku(int n) {
        return Orders.sku(n);
    }

    static String[] twoSkus() {
        return Orders.twoSkus(SKUS);
    }

    static String orderBody(String customer, String... skus) {
        return Orders.body(customer, skus);
    }


    /**
     * Places the session's {@code body} (saving the order's {@code id} and {@code total}) and
     * authorizes its total: the order is CONFIRMED. Shared by the mixed scenario and the bulk seed.
     */
    static ChainBuilder placeAndAuthorize() {
        return exec(http("place").post("/orders").body(StringBody("#{body}"))
                .check(status().is(201), jsonPath("$.id").saveAs("id"), jsonPath("$.total.amount").saveAs("total")))
                .exec(http("authorize").post("/orders/#{id}/payments")
                        .body(StringBody("{\"kind\":\"AUTHORIZATION\",\"amount\":{\"amount\":#{total},"
                                + "\"currency\":\"EUR\"},\"provider\":\"bench\",\"reference\":\"auth-#{id}\"}"))
                        .check(status().is(200)));
    }
}
