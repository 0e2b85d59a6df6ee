package dev.orderstream.common;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.SseClient;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each role against each endpoint group, and what a missing, expired or forged token gets. */
@QuarkusTest
class SecurityTest {

    private String sku;
    private String alice;
    private String bob;
    private String alicesOrder;

    /** Every endpoint group, as (method, path) with {id} an existing order. */
    private List<String[]> endpoints() {
        String id = alicesOrder;
        return List.of(
                new String[]{"GET", "/products"},
                new String[]{"GET", "/products/" + sku},
                new String[]{"PUT", "/products/" + sku},
                new String[]{"POST", "/products/" + sku + "/stock-adjustments"},
                new String[]{"POST", "/orders"},
                new String[]{"GET", "/orders"},
                new String[]{"GET", "/orders/" + id},
                new String[]{"GET", "/orders/" + id + "/history"},
                new String[]{"POST", "/orders/" + id + "/payments"},
                new String[]{"POST", "/orders/" + id + "/fulfillments"},
                new String[]{"POST", "/orders/" + id + "/fulfillments/" + UUID.randomUUID() + "/delivery"},
                new String[]{"POST", "/orders/" + id + "/fulfillments/" + UUID.randomUUID() + "/tracking-events"},
                new String[]{"GET", "/orders/" + id + "/fulfillments/" + UUID.randomUUID() + "/tracking-events"},
                new String[]{"POST", "/orders/" + id + "/cancellation"},
                new String[]{"POST", "/orders/" + id + "/returns"},
                new String[]{"POST", "/orders/" + id + "/returns/" + UUID.randomUUID() + "/receipt"},
                new String[]{"POST", "/orders/" + id + "/refunds"},
                new String[]{"GET", "/orders/" + id + "/events"},
                new String[]{"GET", "/events"});
    }

    @BeforeEach
    void anOrderOfAlice() {
        sku = newSku("SEC");
        createProduct(sku, 1000, "EUR", 100);
        alice = newCustomer();
        bob = newCustomer();
        alicesOrder = as(Tokens.customer(alice)).contentType(ContentType.JSON).body(orderBody(alice, sku, 1))
                .post("/orders").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    private static RequestSpecification anonymous() {
        return given().header(DefaultToken.ANONYMOUS, "yes");
    }

    private static RequestSpecification withJson(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body("{}");
    }

    @Test
    void withoutATokenEveryEndpointGroupIs401Problem() {
        for (String[] endpoint : endpoints()) {
            withJson(anonymous()).request(endpoint[0], endpoint[1]).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", is(401));
        }
        try (SseClient stream = SseClient.connect(url("/orders/" + alicesOrder + "/events"), null, null)) {
            assertEquals(401, stream.status());
        }
    }

    @Test
    void healthOpenApiAndTrackingNeedNoToken() {
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().get("/q/openapi").then().statusCode(200);
        String token = given().get("/orders/{id}", alicesOrder).then().extract().path("trackingToken");
        anonymous().get("/track/{token}", token).then().statusCode(200);
    }

    @Test
    void expiredAndWronglySignedTokensAre401() {
        for (String bad : List.of(Tokens.expired("staff-1", "staff"), Tokens.wronglySigned("staff-1", "staff"),
                "not-a-jwt")) {
            given().header("Authorization", Tokens.bearer(bad)).get("/orders/{id}", alicesOrder).then()
                    .statusCode(401).contentType("application/problem+json");
        }
        try (SseClient stream = SseClient.connect(url("/events"), null, Tokens.expired("staff-1", "staff"))) {
            assertEquals(401, stream.status());
        }
    }

    @Test
    void aWronglySignedTokenStaysRefusedAfterAValidOneForTheSameSubject() {
        given().header("Authorization", Tokens.bearer(Tokens.token("staff-2", "staff", java.time.Duration.ofHours(1))))
                .get("/orders/{id}", alicesOrder).then().statusCode(200);
        String forged = Tokens.wronglySigned("staff-2", "staff");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Tokens.bearer(forged)).get("/orders/{id}", alicesOrder).then()
                    .statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aCustomerPlacesReadsAndChangesOnlyItsOwnOrders() {
        String aliceToken = Tokens.customer(alice);
        String bobToken = Tokens.customer(bob);

        // placing for someone else
        as(bobToken).contentType(ContentType.JSON).body(orderBody(alice, sku, 1)).post("/orders").then()
                .statusCode(403).contentType("application/problem+json");
        // reading, listing, history: another customer's orders do not exist
        as(aliceToken).get("/orders/{id}", alicesOrder).then().statusCode(200).body("customerId", is(alice));
        as(bobToken).get("/orders/{id}", alicesOrder).then().statusCode(404).contentType("application/problem+json");
        as(bobToken).get("/orders/{id}/history", alicesOrder).then().statusCode(404);
        as(bobToken).get("/orders/{id}", UUID.randomUUID()).then().statusCode(404);
        as(aliceToken).get("/orders").then().statusCode(200).body("items.customerId", everyItem(is(alice)))
                .body("items", hasSize(1));
        as(bobToken).get("/orders").then().statusCode(200).body("items", empty());
        as(bobToken).queryParam("customerId", alice).get("/orders").then().statusCode(404);
        // changing: another customer's order is unknown; back-office operations are forbidden
        as(bobToken).contentType(ContentType.JSON).body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", alicesOrder).then().statusCode(404);
        assertEquals("PENDING_PAYMENT", order(alicesOrder).getString("status"));
        as(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("kind", "AUTHORIZATION", "amount", Map.of("amount", 1000, "currency", "EUR"), "provider", "psp"))
                .post("/orders/{id}/payments", alicesOrder).then().statusCode(403).contentType("application/problem+json");
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("name", "Mine", "price", Map.of("amount", 1, "currency", "EUR")))
                .put("/products/{sku}", sku).then().statusCode(403);
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("delta", 5, "reason", "RESTOCK"))
                .post("/products/{sku}/stock-adjustments", sku).then().statusCode(403);
        as(aliceToken).get("/products/{sku}", sku).then().statusCode(200).body("onHand", is(100));
        // and its own order it may cancel
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", alicesOrder).then().statusCode(200).body("status", is("CANCELLED"));
    }

    @Test
    void aCustomerStreamsOnlyItsOwnOrdersAndItsOwnFeed() {
        String aliceToken = Tokens.customer(alice);
        String bobToken = Tokens.customer(bob);
        try (SseClient own = SseClient.connect(url("/orders/" + alicesOrder + "/events"), null, aliceToken)) {
            assertEquals(200, own.status());
            assertEquals("order.placed", own.nextEvent(java.time.Duration.ofSeconds(10)).event());
        }
        try (SseClient others = SseClient.connect(url("/orders/" + alicesOrder + "/events"), null, bobToken)) {
            assertEquals(404, others.status());
        }
        try (SseClient ownFeed = SseClient.connect(url("/events?customerId=" + alice), null, aliceToken)) {
            assertEquals(200, ownFeed.status());
        }
        try (SseClient othersFeed = SseClient.connect(url("/events?customerId=" + alice), null, bobToken)) {
            assertEquals(404, othersFeed.status());
        }
        try (SseClient everyone = SseClient.connect(url("/events"), null, aliceToken)) {
            assertEquals(403, everyone.status());
        }
        try (SseClient everyone = SseClient.connect(url("/events"), null, Tokens.staff())) {
            assertEquals(200, everyone.status());
        }
    }

    @Test
    void aServiceRecordsPaymentsAndShipmentsButPlacesNothingAndStreamsNothing() {
        String service = Tokens.service();
        as(service).get("/orders/{id}", alicesOrder).then().statusCode(200);
        as(service).contentType(ContentType.JSON)
                .body(Map.of("kind", "AUTHORIZATION", "amount", Map.of("amount", 1000, "currency", "EUR"), "provider", "psp"))
                .post("/orders/{id}/payments", alicesOrder).then().statusCode(200).body("status", is("CONFIRMED"));
        as(service).contentType(ContentType.JSON)
                .body(Map.of("lines", lines(sku, 1), "carrier", "DHL", "trackingNumber", "SVC-1"))
                .post("/orders/{id}/fulfillments", alicesOrder).then().statusCode(200).body("status", is("FULFILLED"));
        as(service).contentType(ContentType.JSON).body(orderBody(alice, sku, 1)).post("/orders").then().statusCode(403);
        as(service).get("/orders").then().statusCode(403);
        as(service).contentType(ContentType.JSON).body(Map.of("reason", "MERCHANT"))
                .post("/orders/{id}/cancellation", alicesOrder).then().statusCode(403);
        as(service).contentType(ContentType.JSON).body(Map.of("delta", 5, "reason", "RESTOCK"))
                .post("/products/{sku}/stock-adjustments", sku).then().statusCode(403);
        try (SseClient stream = SseClient.connect(url("/orders/" + alicesOrder + "/events"), null, service)) {
            assertEquals(403, stream.status());
        }
        try (SseClient feed = SseClient.connect(url("/events"), null, service)) {
            assertEquals(403, feed.status());
        }
    }

    @Test
    void staffDoEverything() {
        String staff = Tokens.staff();
        as(staff).get("/orders").then().statusCode(200);
        as(staff).get("/orders/{id}", alicesOrder).then().statusCode(200);
        as(staff).contentType(ContentType.JSON).body(Map.of("delta", 5, "reason", "RESTOCK"))
                .post("/products/{sku}/stock-adjustments", sku).then().statusCode(200);
        as(staff).contentType(ContentType.JSON).body(orderBody(bob, sku, 1)).post("/orders").then().statusCode(201);
        as(staff).contentType(ContentType.JSON).body(Map.of("reason", "MERCHANT"))
                .post("/orders/{id}/cancellation", alicesOrder).then().statusCode(200);
    }

    @Test
    @DisabledOnIntegrationTest("the packaged artifact is a production build: it has no /dev/tokens (TwoInstancesIT checks the 404)")
    void theDevTokenEndpointMintsTokensThatWork() {
        String token = anonymous().queryParam("subject", alice).queryParam("role", "customer")
                .post("/dev/tokens").then().statusCode(200).extract().asString();
        as(token).get("/orders/{id}", alicesOrder).then().statusCode(200);
        anonymous().queryParam("subject", alice).queryParam("role", "admin").post("/dev/tokens").then().statusCode(400);
    }

    private static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }
}
