package dev.orderstream.event;

import dev.orderstream.support.AmqpProbe;
import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.PackagedApp;
import dev.orderstream.support.SseClient;
import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.SseClient.Frame;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The packaged application (the jar, or the native executable in a native build) run twice, on two ports, against the
 * same PostgreSQL schema and RabbitMQ: an SSE client on one instance sees changes made through the
 * other, every event is published once, and when the active relay dies the other instance takes
 * over without publishing anything twice; both project the log into the analytics, each event counted once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final String SCHEMA = "orderstream_it";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String OUTBOX_CHECK = "checks.find { it.name == 'Event outbox (RabbitMQ relay)' }.data";

    private static PackagedApp a;
    private static PackagedApp b;

    private static boolean relayActive(PackagedApp instance) {
        instance.use();
        return given().get("/q/health/ready").then().extract().jsonPath().getBoolean(OUTBOX_CHECK + ".relayActiveHere");
    }

    @BeforeAll
    static void startTwoInstances() throws Exception {
        TestDatabase.dropSchema(SCHEMA);
        DefaultToken.install();
        a = PackagedApp.start("a", 18081, SCHEMA);
        b = PackagedApp.start("b", 18082, SCHEMA);
    }

    @AfterAll
    static void stopInstances() throws Exception {
        for (PackagedApp instance : new PackagedApp[]{a, b}) {
            if (instance != null) {
                instance.stop();
            }
        }
        RestAssured.reset();
    }

    @Test
    @Order(0)
    void theProductionBuildRequiresTokensAndCannotMintThem() {
        a.use();
        given().header(DefaultToken.ANONYMOUS, "yes").get("/orders").then().statusCode(401)
                .contentType("application/problem+json");
        given().header(DefaultToken.ANONYMOUS, "yes").queryParam("subject", "x").queryParam("role", "staff")
                .post("/dev/tokens").then().statusCode(404);
        given().get("/orders").then().statusCode(200);
    }

    /** In production a webhook endpoint must be public https: nothing in the service's own network (SSRF). */
    @Test
    @Order(0)
    void theProductionBuildRefusesWebhookEndpointsThatAreNotPublicHttps() {
        a.use();
        for (String url : new String[] {"http://example.com/hooks", "https://127.0.0.1/hooks", "https://localhost/hooks",
                "https://10.0.0.7/hooks", "https://192.168.1.20/hooks", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/hooks", "https://[fd00::1]/hooks"}) {
            given().contentType("application/json")
                    .body(java.util.Map.of("url", url, "events", java.util.List.of("order.*")))
                    .post("/webhook-endpoints")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.is("url"));
        }
        given().get("/webhook-endpoints").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    @Order(1)
    void anSseClientOnOneInstanceSeesChangesMadeThroughTheOther() {
        String sku = newSku("TWO");
        b.use();
        createProduct(sku, 1500, "EUR", 10);
        String customer = newCustomer();
        try (SseClient onA = SseClient.connect(a.url("/events?customerId=" + customer))) {
            assertEquals(200, onA.status());
            assertNotNull(onA.next(Frame::isComment, WAIT), "stream open on A");

            b.use();
            String id = placeOk(orderBody(customer, sku, 2)).getString("id");
            pay(id, "AUTHORIZATION", 3000, "two-instances").statusCode(200);

            List<Frame> seenOnA = onA.events(3, WAIT);
            assertEquals(List.of("order.placed", "order.payment_authorized", "order.confirmed"),
                    seenOnA.stream().map(Frame::event).toList());
            List<Map<String, Object>> history = given().get("/orders/{id}/history", id).then().extract().jsonPath().getList("");
            assertEquals(history.stream().map(event -> String.valueOf(event.get("id"))).toList(),
                    seenOnA.stream().map(Frame::id).toList());
        }
    }

    /**
     * Both instances run the analytics projector over the same log: orders placed and confirmed
     * through both are each counted once (one instance at a time holds the projection's position),
     * and a rebuild through one gives the same figures.
     */
    @Test
    @Order(1)
    void bothInstancesProjectTheLogAndEachEventIsCountedOnce() {
        String sku = newSku("PROJ");
        a.use();
        createProduct(sku, 700, "EUR", 100);
        for (int i = 0; i < 12; i++) {
            (i % 2 == 0 ? a : b).use();
            Map<String, Object> body = new java.util.LinkedHashMap<>(orderBody(newCustomer(), sku, 1));
            body.put("channel", "pos"); // a channel no other test here uses
            String id = placeOk(body).getString("id");
            if (i % 3 != 0) {
                pay(id, "AUTHORIZATION", 700, "projection-" + i).statusCode(200);
            }
        }
        List<Integer> expected = List.of(12, 8, 5600, 8);
        for (PackagedApp instance : new PackagedApp[]{a, b}) {
            await("the figures through " + instance.name()).atMost(WAIT).until(() -> posFigures(instance), expected::equals);
        }
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // room for a second count to show up
        assertEquals(expected, posFigures(a), "each event counted once, placed / confirmed / gross / units sold by SKU");

        b.use();
        given().post("/analytics/rebuild").then().statusCode(202);
        await("the figures after a rebuild").atMost(WAIT).until(() -> posFigures(a), expected::equals);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertEquals(expected, posFigures(b), "a rebuild, projected by either instance, gives the same numbers");
    }

    /** Placed, confirmed and gross revenue of channel pos, and its units sold (the stock report's), as one instance answers them. */
    private static List<Integer> posFigures(PackagedApp instance) {
        instance.use();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        var report = given().queryParam("channel", "pos").queryParam("groupBy", "month")
                .queryParam("from", java.time.LocalDate.parse(today).minusDays(1).toString())
                .queryParam("to", java.time.LocalDate.parse(today).plusDays(1).toString())
                .get("/analytics/sales").then().statusCode(200).extract().jsonPath();
        int unitsSold = given().queryParam("channel", "pos")
                .queryParam("from", java.time.LocalDate.parse(today).minusDays(1).toString())
                .queryParam("to", java.time.LocalDate.parse(today).plusDays(1).toString())
                .get("/analytics/stock").then().statusCode(200).extract().path("unitsSold");
        return List.of(report.getList("series.ordersPlaced", Integer.class).stream().mapToInt(Integer::intValue).sum(),
                report.getList("series.ordersConfirmed", Integer.class).stream().mapToInt(Integer::intValue).sum(),
                report.getList("series.grossRevenue.amount", Integer.class).stream().mapToInt(Integer::intValue).sum(),
                unitsSold);
    }

    @Test
    @Order(2)
    void eachEventIsPublishedOnceAndAnotherInstanceTakesOverWhenTheActiveRelayDies() throws Exception {
        await("exactly one instance is the active relay").atMost(WAIT)
                .until(() -> relayActive(a) ^ relayActive(b));
        PackagedApp active = relayActive(a) ? a : b;
        PackagedApp standby = active == a ? b : a;

        String sku = newSku("RELAY");
        standby.use();
        createProduct(sku, 1000, "EUR", 100);
        List<String> orders = new ArrayList<>();
        try (AmqpProbe probe = AmqpProbe.bind().consume()) {
            // writes through both instances, while both run
            for (int i = 0; i < 10; i++) {
                (i % 2 == 0 ? a : b).use();
                String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
                pay(id, "AUTHORIZATION", 1000, "relay-" + i).statusCode(200);
                orders.add(id);
            }
            awaitAllPublished(probe, orders, standby);

            // the active relay dies; the other instance takes over and publishes what comes next
            active.kill();
            List<String> afterTakeover = new ArrayList<>();
            standby.use();
            for (int i = 0; i < 5; i++) {
                String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
                cancel(id, "CUSTOMER").statusCode(200);
                afterTakeover.add(id);
            }
            await("the standby became the active relay").atMost(WAIT).until(() -> relayActive(standby));
            orders.addAll(afterTakeover);
            awaitAllPublished(probe, orders, standby);

            await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // room for a duplicate to show up
            Set<String> ids = new HashSet<>();
            for (AmqpProbe.Received message : probe.all()) {
                if (orders.contains(message.orderId())) {
                    assertTrue(ids.add(message.messageId()), "event " + message.messageId() + " published twice");
                }
            }
            for (String id : orders) {
                List<Map<String, Object>> history = given().get("/orders/{id}/history", id).then().extract()
                        .jsonPath().getList("");
                assertEquals(history.stream().map(event -> String.valueOf(event.get("id"))).toList(),
                        probe.forOrder(id).stream().map(AmqpProbe.Received::messageId).toList(),
                        "every event of " + id + " once, in order");
            }
        }
        assertEquals(0, given().get("/q/health/ready").then().extract().jsonPath().getInt(OUTBOX_CHECK + ".unpublished"));
    }

    private static void awaitAllPublished(AmqpProbe probe, List<String> orders, PackagedApp reader) {
        reader.use();
        for (String id : orders) {
            int events = given().get("/orders/{id}/history", id).then().extract().jsonPath().getList("").size();
            await("events of " + id + " on the broker").atMost(WAIT).until(() -> probe.forOrder(id).size() >= events);
        }
    }
}
