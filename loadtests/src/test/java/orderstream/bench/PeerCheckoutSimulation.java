package orderstream.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The peer's side of the comparison (loadtests/bench peer): Medusa v2's Store API checkout as a
 * headless storefront drives it, seven calls on a cart: create the cart (region and sales channel),
 * add a line (one unit of the seeded variant), set the email and the shipping and billing
 * addresses, choose the shipping option, create the payment collection, open a payment session
 * with the system provider, complete the cart (which authorizes the payment, reserves the stock
 * and answers {@code type: order}). The outcome is Orderstream's checkout's: an order placed and
 * paid for. {@code concurrency} clients back to back for {@code duration} seconds (closed model);
 * the whole flow is timed by {@link Flows}.
 *
 * <p>Parameters (Java system properties): {@code baseUrl} (Medusa's, loopback only; the bench passes it),
 * {@code publishableKey}, {@code regionId}, {@code salesChannelId}, {@code variantId},
 * {@code shippingOptionId} (what loadtests/peer's seed wrote), {@code duration} [30 s],
 * {@code concurrency} [64], {@code flowsOut} [no file].
 */
public class PeerCheckoutSimulation extends Simulation {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);
    static final String ADDRESS = "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"address_1\":\"1 Analytical Way\","
            + "\"city\":\"London\",\"postal_code\":\"N1 9GU\",\"country_code\":\"gb\"}";

    static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + name + " is required (loadtests/peer's seed writes it)");
        }
        return value;
    }

    static final String REGION = required("regionId");
    static final String CHANNEL = required("salesChannelId");
    static final String VARIANT = required("variantId");
    static final String OPTION = required("shippingOptionId");

    /**
     * One call of the flow. Its status and body are kept, not checked by Gatling, so that a failed
     * flow can say which call failed and what Medusa answered ({@link Flows}); a status other than
     * 200 fails the session, which ends the flow's block.
     */
    static ChainBuilder call(String name, String path, String body, CheckBuilder... saves) {
        HttpRequestActionBuilder request = http(name).post(path).check(status().saveAs("status"), bodyString().saveAs("answer"));
        if (body != null) {
            request = request.body(StringBody(body));
        }
        return exec(session -> session.set("step", name).remove("status").remove("answer"))
                .exec(request.check(saves))
                .exec(session -> session.getInt("status") == 200 ? session : session.markAsFailed());
    }

    static final ChainBuilder CHECKOUT = exec(
            call("create cart", "/store/carts", "{\"region_id\":\"" + REGION + "\",\"sales_channel_id\":\"" + CHANNEL + "\"}",
                    jsonPath("$.cart.id").saveAs("cart")),
            call("add line", "/store/carts/#{cart}/line-items", "{\"variant_id\":\"" + VARIANT + "\",\"quantity\":1}"),
            call("email and addresses", "/store/carts/#{cart}",
                    "{\"email\":\"bench@example.com\",\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS + "}"),
            call("shipping method", "/store/carts/#{cart}/shipping-methods", "{\"option_id\":\"" + OPTION + "\"}"),
            call("payment collection", "/store/payment-collections", "{\"cart_id\":\"#{cart}\"}",
                    jsonPath("$.payment_collection.id").saveAs("collection")),
            call("payment session", "/store/payment-collections/#{collection}/payment-sessions",
                    "{\"provider_id\":\"pp_system_default\"}"),
            call("complete", "/store/carts/#{cart}/complete", null, jsonPath("$.type").is("order"), jsonPath("$.order.id").exists()));

    ScenarioBuilder checkout = scenario("medusa checkout")
            .exec(session -> session.set("t0", Flows.start()))
            .exitBlockOnFail().on(CHECKOUT)
            .exec(session -> {
                Flows.end(session.getLong("t0"), session);
                return session;
            });

    {
        setUp(checkout.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Bench.DURATION)))
                .protocols(Bench.anonymous()
                        .header("x-publishable-api-key", required("publishableKey"))
                        .contentTypeHeader("application/json")
                        .acceptHeader("application/json"));
    }

    @Override
    public void after() {
        Flows.write();
    }
}
