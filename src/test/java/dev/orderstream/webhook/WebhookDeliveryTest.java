package dev.orderstream.webhook;

import dev.orderstream.support.Tokens;
import dev.orderstream.support.WebhookReceiver;
import dev.orderstream.support.WebhookReceiver.Answer;
import dev.orderstream.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Webhooks end to end, with real HTTP receivers that check every signature with their own
 * implementation of the Standard Webhooks spec.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> endpoints = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void removeEndpoints() {
        endpoints.forEach(id -> given().delete("/webhook-endpoints/{id}", id));
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Registers an endpoint for the receiver, which then trusts its secret; answers the endpoint id. */
    private String subscribe(WebhookReceiver receiver, String... events) {
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", List.of(events), "description", "test receiver"))
                .post("/webhook-endpoints")
                .then().statusCode(201)
                .header("Location", containsString("/webhook-endpoints/"))
                .body("secret", startsWith("whsec_"))
                .extract().jsonPath();
        String id = created.getString("id");
        endpoints.add(id);
        receiver.trust(created.getString("secret"));
        return id;
    }

    private static String order(String sku) {
        return placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
    }

    private static String product() {
        String sku = newSku("HOOK");
        createProduct(sku, 1200, "EUR", 100);
        return sku;
    }

    @Test
    void everyEventArrivesSignedAsTheSpecSaysWithTheEventAsTheHistoryHasIt() {
        WebhookReceiver receiver = receiver();
        String endpoint = subscribe(receiver, "order.*");
        String id = order(product());
        pay(id, "AUTHORIZATION", 1200, "hook").statusCode(200);
        List<Map<String, Object>> history = given().get("/orders/{id}/history", id).then().statusCode(200)
                .extract().jsonPath().getList("$");

        await().atMost(WAIT).until(() -> receiver.receivedFor(id).size() == history.size());
        List<Received> got = receiver.receivedFor(id);
        for (int i = 0; i < history.size(); i++) {
            Received message = got.get(i);
            assertTrue(message.signatureValid(), "a valid Standard Webhooks signature: " + message.headers());
            Map<String, Object> event = history.get(i);
            assertEquals(String.valueOf(event.get("id")), message.header("webhook-id"), "webhook-id is the event id");
            assertEquals(String.valueOf(event.get("sequence")), message.header("orderstream-sequence"));
            assertEquals("application/json", message.header("content-type"));
            Map<String, Object> body = JsonPath.from(message.body()).getMap("$");
            assertEquals(endpoint, body.remove("endpointId"));
            assertEquals(event, body, "the event exactly as the history has it, plus the endpoint id");
        }
    }

    @Test
    void anOrdersNextEventWaitsUntilTheOneBeforeIsAcknowledged() {
        WebhookReceiver receiver = receiver();
        Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        receiver.answer(request -> request.sequence() == 2
                && failuresLeft.computeIfAbsent(request.orderId(), order -> new AtomicInteger(3)).getAndDecrement() > 0
                ? Answer.status(500) : Answer.status(200));
        String endpoint = subscribe(receiver, "order.*");
        String id = order(product());
        pay(id, "AUTHORIZATION", 1200, "hook").statusCode(200); // events 2 and 3 at once

        await().atMost(WAIT).until(() -> receiver.receivedFor(id).stream().anyMatch(r -> r.sequence() == 3));
        List<Received> got = receiver.receivedFor(id);
        assertEquals(List.of(1, 2, 2, 2, 2, 3), WebhookReceiver.sequences(got), "2 retried until acknowledged, then 3");
        assertEquals(List.of(200, 500, 500, 500, 200, 200), got.stream().map(Received::answeredWith).toList());
        assertEquals(1, got.stream().map(r -> r.header("webhook-id")).filter(got.get(1).header("webhook-id")::equals)
                .distinct().count(), "every retry carries the same webhook-id");

        // the receiver has answered; the service writes down what it answered right after
        await().atMost(WAIT).until(() -> deliveries(endpoint, id).getList("items.status").equals(
                List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED")));
        JsonPath log = deliveries(endpoint, id);
        assertEquals(List.of(3, 2, 1), log.getList("items.sequence", Integer.class), "newest first");
        assertEquals(List.of(500, 500, 500, 200), log.getList("items[1].attemptsMade.statusCode", Integer.class));
        assertEquals("answered 500", log.getString("items[1].attemptsMade[0].responseExcerpt"));
        assertEquals(4, log.getInt("items[1].attempts"));
    }

    @Test
    void differentOrdersDoNotWaitForEachOther() {
        WebhookReceiver receiver = receiver();
        String sku = product();
        String stuck = order(sku);
        Map<String, Boolean> release = new ConcurrentHashMap<>();
        receiver.answer(request -> stuck.equals(request.orderId()) && request.sequence() == 2 && !release.containsKey("go")
                ? Answer.status(503) : Answer.status(200));
        subscribe(receiver, "order.*");
        pay(stuck, "AUTHORIZATION", 1200, "stuck").statusCode(200);
        String flowing = order(sku);
        pay(flowing, "AUTHORIZATION", 1200, "flowing").statusCode(200);

        await().atMost(WAIT).until(() -> receiver.receivedFor(flowing).size() == 3);
        assertTrue(receiver.receivedFor(stuck).stream().noneMatch(r -> r.sequence() == 3 ),
                "the stuck order's event 3 still waits for its event 2");
        release.put("go", true);
        await().atMost(WAIT).until(() -> receiver.receivedFor(stuck).stream().anyMatch(r -> r.sequence() == 3));
        assertEquals(List.of(1, 2, 3), WebhookReceiver.sequences(receiver.receivedFor(flowing)));
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() {
        WebhookReceiver receiver = receiver();
        Map<String, Boolean> throttled = new ConcurrentHashMap<>();
        receiver.answer(request -> throttled.putIfAbsent(request.orderId(), true) == null // each order's first attempt
                ? new Answer(429, Map.of("Retry-After", "2"), 0) : Answer.status(200));
        subscribe(receiver, "order.placed");
        String id = order(product());
        await().atMost(WAIT).until(() -> receiver.receivedFor(id).size() == 2);
        List<Received> got = receiver.receivedFor(id);
        assertEquals(List.of(429, 200), got.stream().map(Received::answeredWith).toList());
        long waitedMillis = (got.get(1).at() - got.get(0).at()) / 1_000_000;
        assertTrue(waitedMillis >= 1900, "Retry-After: 2 honoured (the usual backoff here is 100 ms): " + waitedMillis);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() {
        WebhookReceiver receiver = receiver();
        Map<String, Boolean> slowed = new ConcurrentHashMap<>();
        receiver.answer(request -> slowed.putIfAbsent(request.orderId(), true) == null // each order's first attempt
                ? new Answer(200, Map.of(), 4_000) : Answer.status(200));
        String endpoint = subscribe(receiver, "order.placed");
        String id = order(product());
        await().atMost(WAIT).until(() -> receiver.receivedFor(id).size() == 2
                && deliveries(endpoint, id).getString("items[0].status").equals("SUCCEEDED"));
        JsonPath log = deliveries(endpoint, id);
        assertNull(log.get("items[0].attemptsMade[0].statusCode"), "the first attempt got no answer in time");
        org.hamcrest.MatcherAssert.assertThat(log.getString("items[0].attemptsMade[0].error"), containsStringIgnoringCase("timeout"));
        assertEquals(200, log.getInt("items[0].attemptsMade[1].statusCode"));
    }

    @Test
    void a410DisablesTheEndpointAndReEnablingDeliversWhatWaitedInOrder() {
        WebhookReceiver receiver = receiver();
        Map<String, Boolean> gone = new ConcurrentHashMap<>(Map.of("gone", true));
        receiver.answer(request -> gone.containsKey("gone") ? Answer.status(410) : Answer.status(200));
        String endpoint = subscribe(receiver, "order.*");
        String sku = product();
        String first = order(sku);
        await().atMost(WAIT).until(() -> !given().get("/webhook-endpoints/{id}", endpoint).then().extract()
                .jsonPath().getBoolean("enabled"));
        given().get("/webhook-endpoints/{id}", endpoint).then().body("disabledReason", containsString("410"));
        String second = order(sku);
        pay(second, "AUTHORIZATION", 1200, "while-disabled").statusCode(200);
        assertNothingSentWhileDisabled(endpoint, second, receiver);

        gone.clear();
        given().contentType(ContentType.JSON).body(Map.of("enabled", true)).patch("/webhook-endpoints/{id}", endpoint)
                .then().statusCode(200).body("enabled", is(true)).body("disabledReason", nullValue());
        await().atMost(WAIT).until(() -> receiver.receivedFor(second).size() == 3);
        assertEquals(List.of(1, 2, 3), WebhookReceiver.sequences(receiver.receivedFor(second)));
        Received gone410 = receiver.received().stream().filter(r -> r.answeredWith() == 410).findFirst().orElseThrow();
        assertEquals(first, gone410.orderId(), "the endpoint gets only what follows its registration");
        assertEquals("FAILED", deliveries(endpoint, first).getString("items[0].status"),
                "the delivery answered 410 is given up, not sent again");
        given().get("/webhook-endpoints/{id}/history", endpoint).then().statusCode(200)
                .body("type", contains("webhook_endpoint.disabled", "webhook_endpoint.enabled"))
                .body("[0].reason", containsString("410"));
    }

    @Test
    void anEndpointGetsWhatIsCommittedAfterItWasRegistered() {
        String id = order(product()); // placed before the endpoint exists
        WebhookReceiver receiver = receiver();
        subscribe(receiver, "order.*");
        pay(id, "AUTHORIZATION", 1200, "after").statusCode(200);
        await().atMost(WAIT).until(() -> receiver.receivedFor(id).size() == 2);
        assertEquals(List.of(2, 3), WebhookReceiver.sequences(receiver.receivedFor(id)));
    }

    @Test
    void anEndpointGetsOnlyTheTypesItSubscribedTo() {
        WebhookReceiver receiver = receiver();
        subscribe(receiver, "order.confirmed");
        String id = order(product());
        pay(id, "AUTHORIZATION", 1200, "hook").statusCode(200);
        await().atMost(WAIT).until(() -> receiver.receivedFor(id).size() == 1);
        assertEquals("order.confirmed", JsonPath.from(receiver.receivedFor(id).get(0).body()).getString("type"));
    }

    @Test
    void endpointsAreForStaffAndTheirSecretIsShownOnce() {
        WebhookReceiver receiver = receiver();
        String id = subscribe(receiver, "order.*");
        given().get("/webhook-endpoints/{id}", id).then().statusCode(200)
                .body("secret", nullValue()).body("url", is(receiver.url())).body("events", contains("order.*"));
        given().get("/webhook-endpoints").then().statusCode(200).body("find { it.id == '" + id + "' }.secret", nullValue());
        given().header("Authorization", Tokens.bearer(Tokens.customer(newCustomer()))).get("/webhook-endpoints")
                .then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.service())).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", List.of("order.*"))).post("/webhook-endpoints")
                .then().statusCode(403);
        given().get("/webhook-endpoints/{id}", java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badEndpointsAreRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of("order.*", "order.nope")))
                .post("/webhook-endpoints").then().statusCode(400).body("errors[0].field", is("events[1]"));
        given().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.com/x", "events", List.of("order.*")))
                .post("/webhook-endpoints").then().statusCode(400).body("errors[0].field", is("url"));
        given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of()))
                .post("/webhook-endpoints").then().statusCode(400).body("errors[0].field", is("events"));
        given().contentType(ContentType.JSON).body(Map.of("events", List.of("order.*")))
                .post("/webhook-endpoints").then().statusCode(400).body("errors[0].field", is("url"));
    }

    @Test
    void theCircuitBreakerDisablesAFailingEndpointAndReEnablingDeliversTheBacklogInOrder() {
        WebhookReceiver receiver = receiver();
        Map<String, Boolean> down = new ConcurrentHashMap<>(Map.of("down", true));
        receiver.answer(request -> down.containsKey("down") ? Answer.status(500) : Answer.status(200));
        String endpoint = subscribe(receiver, "order.*");
        String sku = product();
        String first = order(sku);
        // failures-to-disable is 6 in the test profile (failing-period 0 s)
        await().atMost(WAIT).until(() -> !given().get("/webhook-endpoints/{id}", endpoint).then().extract()
                .jsonPath().getBoolean("enabled"));
        given().get("/webhook-endpoints/{id}", endpoint).then()
                .body("disabledReason", containsString("6 failed attempts in a row")).body("disabledAt", notNullValue());
        String second = order(sku);
        pay(second, "AUTHORIZATION", 1200, "backlog").statusCode(200);
        assertNothingSentWhileDisabled(endpoint, second, receiver);

        down.clear();
        given().contentType(ContentType.JSON).body(Map.of("enabled", true)).patch("/webhook-endpoints/{id}", endpoint)
                .then().statusCode(200).body("enabled", is(true));
        await().atMost(WAIT).until(() -> receiver.receivedFor(second).size() == 3
                && receiver.receivedFor(first).stream().anyMatch(r -> r.answeredWith() == 200));
        assertEquals(List.of(1, 2, 3), WebhookReceiver.sequences(receiver.receivedFor(second)));
        given().get("/webhook-endpoints/{id}/history", endpoint).then().statusCode(200)
                .body("type", contains("webhook_endpoint.disabled", "webhook_endpoint.enabled"))
                .body("[0].reason", containsString("6 failed attempts in a row"))
                .body("[0].occurredAt", notNullValue())
                .body("[1].reason", nullValue());
    }

    @Test
    void aRotatedSecretSignsNextToTheNewOneDuringTheOverlapOnly() {
        WebhookReceiver oldOnly = receiver();
        String endpoint = subscribe(oldOnly, "order.placed");
        JsonPath rotation = given().contentType(ContentType.JSON).body(Map.of("overlap", "PT2S"))
                .post("/webhook-endpoints/{id}/secret-rotation", endpoint)
                .then().statusCode(200).body("secret", startsWith("whsec_")).extract().jsonPath();
        String rotated = rotation.getString("secret");
        java.time.Instant overlapEnds = java.time.Instant.parse(rotation.getString("previousSecretValidUntil"));
        String sku = product();

        String during = order(sku);
        await().atMost(WAIT).until(() -> oldOnly.receivedFor(during).size() == 1);
        Received both = oldOnly.receivedFor(during).get(0);
        assertEquals(2, both.header("webhook-signature").split(" ").length, "two signatures during the overlap");
        assertTrue(both.signatureValid(), "a receiver still on the old secret accepts it");
        assertEquals(signatureOf(rotated, both), both.header("webhook-signature").split(" ")[0], "and the new secret signs too");

        await().atMost(WAIT).until(() -> java.time.Instant.now().isAfter(overlapEnds));
        String after = order(sku);
        await().atMost(WAIT).until(() -> oldOnly.receivedFor(after).size() == 1);
        Received last = oldOnly.receivedFor(after).get(0);
        assertFalse(last.signatureValid(), "after the overlap the old secret signs nothing");
        assertEquals(signatureOf(rotated, last), last.header("webhook-signature"), "the new secret alone");
    }

    @Test
    void aDeliveryIsSentAgainOnRequestAndAReplayResendsExactlyWhatFollowsAnEvent() {
        WebhookReceiver receiver = receiver();
        String endpoint = subscribe(receiver, "order.*");
        String sku = product();
        String first = order(sku);
        String second = order(sku);
        pay(second, "AUTHORIZATION", 1200, "replay").statusCode(200);
        await().atMost(WAIT).until(() -> receiver.receivedFor(first).size() == 1 && receiver.receivedFor(second).size() == 3);

        long delivery = deliveries(endpoint, first).getLong("items[0].id");
        given().post("/webhook-deliveries/{id}/redelivery", delivery).then().statusCode(202).body("deliveryId", greaterThan((int) delivery));
        await().atMost(WAIT).until(() -> receiver.receivedFor(first).size() == 2);
        assertEquals(receiver.receivedFor(first).get(0).header("webhook-id"), receiver.receivedFor(first).get(1).header("webhook-id"));
        given().post("/webhook-deliveries/{id}/redelivery", Long.MAX_VALUE).then().statusCode(404);

        // replay from the second order's first event: exactly its events 2 and 3 again (and nothing of the first order)
        List<Map<String, Object>> history = given().get("/orders/{id}/history", second).then().extract().jsonPath().getList("$");
        long since = ((Number) history.get(0).get("id")).longValue();
        int before = receiver.received().size();
        given().contentType(ContentType.JSON).body(Map.of("since", since)).post("/webhook-endpoints/{id}/replay", endpoint)
                .then().statusCode(202).body("deliveries", greaterThanOrEqualTo(2));
        await().atMost(WAIT).until(() -> receiver.receivedFor(second).size() == 5);
        assertEquals(List.of(1, 2, 3, 2, 3), WebhookReceiver.sequences(receiver.receivedFor(second)));
        assertEquals(2, receiver.received().subList(before, receiver.received().size()).stream()
                .filter(r -> second.equals(r.orderId())).count());
        assertTrue(receiver.received().subList(before, receiver.received().size()).stream()
                .noneMatch(r -> first.equals(r.orderId())), "nothing from before the event");
        given().contentType(ContentType.JSON).body(Map.of("since", Long.MAX_VALUE)).post("/webhook-endpoints/{id}/replay", endpoint)
                .then().statusCode(400).body("errors[0].field", is("since"));

        // replay what occurred after the second order's placement: again exactly its events 2 and 3
        String placedAt = (String) history.get(0).get("occurredAt");
        int beforeTime = receiver.received().size();
        given().contentType(ContentType.JSON).body(Map.of("occurredAfter", placedAt))
                .post("/webhook-endpoints/{id}/replay", endpoint).then().statusCode(202);
        await().atMost(WAIT).until(() -> receiver.receivedFor(second).size() == 7);
        assertEquals(List.of(1, 2, 3, 2, 3, 2, 3), WebhookReceiver.sequences(receiver.receivedFor(second)));
        assertTrue(receiver.received().subList(beforeTime, receiver.received().size()).stream()
                .noneMatch(r -> first.equals(r.orderId())), "nothing that occurred before");
        given().contentType(ContentType.JSON).body(Map.of("since", since, "occurredAfter", placedAt))
                .post("/webhook-endpoints/{id}/replay", endpoint).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of()).post("/webhook-endpoints/{id}/replay", endpoint)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void carrierScansReachWebhooksAsTheirOwnEventTypes() {
        WebhookReceiver receiver = receiver();
        subscribe(receiver, "order.shipment_updated", "order.shipment_exception");
        String sku = product();
        String id = order(sku);
        pay(id, "AUTHORIZATION", 1200, "scan").statusCode(200);
        String fulfillment = fulfill(id, "HOOK-" + java.util.UUID.randomUUID(), sku, 1).statusCode(200)
                .extract().path("fulfillments[0].id");
        scan(id, fulfillment, "exception", java.time.Instant.now().minusSeconds(60).toString(), null,
                java.util.UUID.randomUUID().toString()).statusCode(201);
        await().atMost(WAIT).until(() -> receiver.receivedFor(id).size() == 2);
        List<String> types = receiver.receivedFor(id).stream().map(r -> JsonPath.from(r.body()).getString("type")).toList();
        assertEquals(List.of("order.shipment_updated", "order.shipment_exception"), types);
        assertEquals("exception", JsonPath.from(receiver.receivedFor(id).get(0).body()).getString("data.scan.status"));
    }

    /** An order's deliveries are created for a disabled endpoint, and wait: not one attempt. */
    private static void assertNothingSentWhileDisabled(String endpoint, String orderId, WebhookReceiver receiver) {
        await().atMost(WAIT).until(() -> deliveries(endpoint, orderId).getList("items").size() == 3);
        JsonPath waiting = deliveries(endpoint, orderId);
        assertEquals(List.of("PENDING", "PENDING", "PENDING"), waiting.getList("items.status"));
        assertEquals(List.of(0, 0, 0), waiting.getList("items.attempts", Integer.class), "no attempt while disabled");
        assertEquals(List.of(), receiver.receivedFor(orderId));
    }

    private static String signatureOf(String secret, Received message) {
        return "v1," + java.util.Base64.getEncoder().encodeToString(WebhookReceiver.hmac(secret,
                message.header("webhook-id") + "." + message.header("webhook-timestamp") + "." + message.body()));
    }

    private static JsonPath deliveries(String endpoint, String orderId) {
        return given().queryParam("orderId", orderId).get("/webhook-endpoints/{id}/deliveries", endpoint)
                .then().statusCode(200).extract().jsonPath();
    }
}
