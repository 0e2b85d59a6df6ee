package dev.orderstream.order;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.SseClient;
import dev.orderstream.support.SseClient.Frame;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Public tracking by token: what it shows, what it hides, and that it cannot be brute-forced. */
@QuarkusTest
class TrackingTest {

    /** A client address of its own (the test profile trusts X-Forwarded-For), so limits do not leak between tests. */
    private static RequestSpecification publicClient(String address) {
        return given().header(DefaultToken.ANONYMOUS, "yes").header("X-Forwarded-For", address);
    }

    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    @Test
    void theTrackingViewShowsStatusItemsAndShipmentsAndNothingPersonal() {
        String sku = newSku("TRK");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        JsonPath placed = placeOk(orderBody(customer, sku, 2));
        String id = placed.getString("id");
        String token = placed.getString("trackingToken");
        pay(id, "AUTHORIZATION", 2000, "trk").statusCode(200);
        fulfill(id, "TRK-1", sku, 1).statusCode(200);

        String body = publicClient(newAddress()).get("/track/{token}", token).then()
                .statusCode(200)
                .body("status", is("PARTIALLY_FULFILLED"))
                .body("items[0].sku", is(sku))
                .body("items[0].quantity", is(2))
                .body("items[0].shippedQuantity", is(1))
                .body("fulfillments[0].carrier", is("DHL"))
                .body("fulfillments[0].trackingNumber", is("TRK-1"))
                .body("fulfillments[0].trackingUrl", is("https://track.example/TRK-1"))
                .body("$", not(hasKey("customerId")))
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("shippingAddress")))
                .body("$", not(hasKey("payments")))
                .body("$", not(hasKey("id")))
                .extract().asString();
        Map<String, Object> address = address();
        for (Object personal : List.of(customer, "someone@example.com", id, address.get("line1"), address.get("name"),
                address.get("postalCode"))) {
            assertFalse(body.contains(String.valueOf(personal)), "the tracking view must not contain " + personal);
        }
    }

    @Test
    void theTrackingStreamCarriesStatusAndShipmentsOnly() {
        String sku = newSku("TRKS");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        JsonPath placed = placeOk(orderBody(customer, sku, 1));
        String id = placed.getString("id");
        try (SseClient stream = SseClient.connect("http://localhost:" + RestAssured.port + "/track/"
                + placed.getString("trackingToken") + "/events", null, null)) {
            assertEquals(200, stream.status());
            Frame first = stream.nextEvent(Duration.ofSeconds(10));
            assertEquals("order.placed", first.event());
            assertFalse(first.data().contains(customer) || first.data().contains(id), first.data());
            pay(id, "AUTHORIZATION", 1000, "trks").statusCode(200);
            fulfill(id, "TRKS-1", sku, 1).statusCode(200);
            List<Frame> next = stream.events(4, Duration.ofSeconds(10));
            assertEquals(List.of("order.payment_authorized", "order.confirmed", "order.fulfillment_created",
                    "order.fulfilled"), next.stream().map(Frame::event).toList());
            assertFalse(next.get(0).data().contains("psp"), "no payment details: " + next.get(0).data());
            assertTrue(next.get(2).data().contains("TRKS-1"), "shipment details: " + next.get(2).data());
        }
    }

    @Test
    void aWrongTokenIs404AndEveryLookupCountsTowardTheRateLimit() {
        String sku = newSku("TRKL");
        createProduct(sku, 1000, "EUR", 10);
        String token = placeOk(orderBody(newCustomer(), sku, 1)).getString("trackingToken");
        String attacker = newAddress();
        // the test profile allows 10 lookups a minute per client
        for (int i = 0; i < 10; i++) {
            publicClient(attacker).get("/track/{token}", "guess-" + i).then()
                    .statusCode(404).contentType("application/problem+json");
        }
        var limited = publicClient(attacker).get("/track/{token}", "guess-11").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .extract();
        org.hamcrest.MatcherAssert.assertThat("the detail and Retry-After agree", limited.path("detail"),
                endsWith("retry after " + limited.header("Retry-After") + " s"));
        // even the right token: the client is out of lookups
        publicClient(attacker).get("/track/{token}", token).then().statusCode(429);
        // another client is not affected
        publicClient(newAddress()).get("/track/{token}", token).then().statusCode(200);
    }
}
