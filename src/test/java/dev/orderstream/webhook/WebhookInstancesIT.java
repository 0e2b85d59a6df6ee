package dev.orderstream.webhook;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.PackagedApp;
import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.WebhookReceiver;
import dev.orderstream.support.WebhookReceiver.Answer;
import dev.orderstream.support.WebhookReceiver.Received;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Webhooks from the packaged application (the jar, or the native executable in a native build) run
 * twice against one schema: the instances share the deliveries without making any attempt twice,
 * and deliveries an instance claimed and was killed in the middle of are completed by another.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookInstancesIT {

    private static final String SCHEMA = "orderstream_webhook_it";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] SETTINGS = {"orderstream.webhooks.allowed-hosts=127.0.0.1",
            "orderstream.webhooks.claim-lease=4s", "orderstream.webhooks.timeout=2s",
            "orderstream.webhooks.initial-backoff=200ms",
            "orderstream.webhooks.poll-interval=200ms"};

    private static PackagedApp a;
    private static PackagedApp b;
    private static WebhookReceiver receiver;
    private static String endpoint;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        TestDatabase.dropSchema(SCHEMA);
        DefaultToken.install();
        a = PackagedApp.start("webhooks-a", 18083, SCHEMA, SETTINGS);
        b = PackagedApp.start("webhooks-b", 18084, SCHEMA, SETTINGS);
        receiver = new WebhookReceiver();
        a.use();
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", List.of("order.*")))
                .post("/webhook-endpoints").then().statusCode(201).extract().jsonPath();
        endpoint = created.getString("id");
        receiver.trust(created.getString("secret"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedApp instance : new PackagedApp[]{a, b}) {
            if (instance != null) {
                instance.stop();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
        RestAssured.reset();
    }

    @Test
    @Order(1)
    void twoInstancesShareTheDeliveriesAndMakeNoAttemptTwice() {
        a.use();
        String sku = newSku("HOOKS2");
        createProduct(sku, 1000, "EUR", 1000);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? a : b).use();
            String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
            (i % 2 == 0 ? b : a).use();
            pay(id, "AUTHORIZATION", 1000, "two-" + i).statusCode(200);
            orders.add(id);
        }
        await().atMost(WAIT).until(() -> orders.stream().allMatch(id -> receiver.receivedFor(id).size() == 3));
        a.use();
        await().atMost(WAIT).until(() -> given().queryParam("limit", 200).get("/webhook-endpoints/{id}/deliveries", endpoint)
                .then().extract().jsonPath().getList("items.status").stream().allMatch("SUCCEEDED"::equals));
        JsonPath log = given().queryParam("limit", 200).get("/webhook-endpoints/{id}/deliveries", endpoint)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(90, log.getList("items").size());
        assertTrue(log.getList("items.attempts", Integer.class).stream().allMatch(attempts -> attempts == 1),
                "every delivery was attempted once, by one instance");
        Map<String, Integer> perWebhookId = new HashMap<>();
        receiver.received().forEach(message -> perWebhookId.merge(message.header("webhook-id"), 1, Integer::sum));
        assertEquals(90, perWebhookId.size());
        assertTrue(perWebhookId.values().stream().allMatch(count -> count == 1), "each message arrived once");
        for (String id : orders) {
            assertEquals(List.of(1, 2, 3), WebhookReceiver.sequences(receiver.receivedFor(id)));
            assertTrue(receiver.receivedFor(id).stream().allMatch(Received::signatureValid));
        }
    }

    @Test
    @Order(2)
    void deliveriesClaimedByAnInstanceKilledMidAttemptAreCompletedByAnother() throws Exception {
        b.stop(); // a alone claims what follows
        receiver.answer(request -> new Answer(200, Map.of(), 60_000)); // held: a's attempts stay in flight
        int before = receiver.arrivals();
        a.use();
        String sku = newSku("HOOKS-KILL");
        createProduct(sku, 1000, "EUR", 100);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(placeOk(orderBody(newCustomer(), sku, 1)).getString("id"));
        }
        await().atMost(WAIT).until(() -> receiver.arrivals() - before >= 4); // a has four attempts in flight
        a.kill();

        receiver.answer(request -> Answer.status(200));
        b = PackagedApp.start("webhooks-b2", 18084, SCHEMA, SETTINGS);
        b.use();
        await().atMost(WAIT).until(() -> orders.stream().allMatch(id -> receiver.receivedFor(id).stream()
                .anyMatch(message -> message.answeredWith() == 200)
                && "SUCCEEDED".equals(deliveryOf(id).getString("items[0].status"))));
        for (String id : orders) {
            JsonPath delivery = deliveryOf(id);
            assertEquals(2, delivery.getInt("items[0].attempts"), "a's attempt, lost with it, and b's");
            assertEquals(1, delivery.getList("items[0].attemptsMade").size(), "only b lived to write its attempt down");
            assertEquals(200, delivery.getInt("items[0].attemptsMade[0].statusCode"));
        }
    }

    private static JsonPath deliveryOf(String orderId) {
        return given().queryParam("orderId", orderId).get("/webhook-endpoints/{id}/deliveries", endpoint)
                .then().statusCode(200).extract().jsonPath();
    }
}
