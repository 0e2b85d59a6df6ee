package dev.orderstream.order;

import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Carrier tracking events pushed by shipping tools: once per source event, in time order, never backwards. */
@QuarkusTest
class TrackingEventTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** An order whose one line (2 units) shipped in one shipment; answers {orderId, fulfillmentId}. */
    private static String[] shipped() {
        String sku = newSku("SCAN");
        createProduct(sku, 1000, "EUR", 10);
        String id = placeOk(orderBody(newCustomer(), sku, 2)).getString("id");
        pay(id, "AUTHORIZATION", 2000, "scan").statusCode(200);
        String fulfillment = fulfill(id, "SCAN-" + UUID.randomUUID(), sku, 2).statusCode(200)
                .extract().path("fulfillments[0].id");
        return new String[]{id, fulfillment};
    }

    private static String at(int minutes) {
        return NOW.minus(3, ChronoUnit.HOURS).plus(minutes, ChronoUnit.MINUTES).toString();
    }

    private static List<String> types(String id) {
        return given().get("/orders/{id}/history", id).then().statusCode(200).extract().jsonPath().getList("type");
    }

    @Test
    void aScanIsRecordedOnceHoweverOftenItIsSent() {
        String[] order = shipped();
        String eventId = UUID.randomUUID().toString();
        JsonPath created = scan(order[0], order[1], "in_transit", at(10), at(60 * 48), eventId)
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("fulfillmentId", is(order[1]))
                .body("status", is("in_transit"))
                .body("happenedAt", is(at(10)))
                .body("location.city", is("Leipzig"))
                .body("estimatedDeliveryAt", is(at(60 * 48)))
                .body("source", is("carrier-x"))
                .body("externalEventId", is(eventId))
                .body("receivedAt", notNullValue())
                .extract().jsonPath();
        long version = order(order[0]).getLong("version");

        scan(order[0], order[1], "in_transit", at(10), at(60 * 48), eventId)
                .statusCode(200)
                .body("id", is(created.getString("id")))
                .body("receivedAt", is(created.getString("receivedAt")));
        assertEquals(version, order(order[0]).getLong("version"), "a repeated scan changes nothing");
        assertEquals(1, types(order[0]).stream().filter("order.shipment_updated"::equals).count());
        given().get("/orders/{id}/fulfillments/{fid}/tracking-events", order[0], order[1]).then().statusCode(200)
                .body("size()", is(1));
    }

    @Test
    void copiesOfOneScanSentAtOnceAreRecordedOnce() throws Exception {
        String[] order = shipped();
        String eventId = UUID.randomUUID().toString();
        int copies = 8;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Callable<ExtractableResponse<Response>>> sends = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                sends.add(() -> scan(order[0], order[1], "out_for_delivery", at(20), null, eventId).extract());
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> sent : pool.invokeAll(sends)) {
                statuses.add(sent.get().statusCode());
                ids.add(sent.get().path("id"));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one copy records it: " + statuses);
            assertEquals(copies - 1, statuses.stream().filter(s -> s == 200).count(), "the rest get it back: " + statuses);
            assertEquals(1, ids.stream().distinct().count(), "every answer is the one stored scan");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, types(order[0]).stream().filter("order.shipment_updated"::equals).count());
    }

    @Test
    void scansArrivingOutOfOrderAreListedInTheOrderTheyHappenedAndNeverMoveTheShipmentBack() {
        String[] order = shipped();
        scan(order[0], order[1], "out_for_delivery", at(30), at(120), "late-" + UUID.randomUUID()).statusCode(201);
        scan(order[0], order[1], "in_transit", at(10), at(600), "early-" + UUID.randomUUID()).statusCode(201);
        scan(order[0], order[1], "in_transit", at(20), null, "middle-" + UUID.randomUUID()).statusCode(201);

        given().get("/orders/{id}/fulfillments/{fid}/tracking-events", order[0], order[1]).then().statusCode(200)
                .body("happenedAt", contains(at(10), at(20), at(30)))
                .body("status", contains("in_transit", "in_transit", "out_for_delivery"));
        JsonPath read = order(order[0]);
        assertEquals("out_for_delivery", read.getString("fulfillments[0].shipmentStatus"));
        assertEquals(at(120), read.getString("fulfillments[0].estimatedDeliveryAt"), "an older scan's estimate is stale");
        assertEquals(at(120), read.getString("fulfillments[0].firstEstimatedDeliveryAt"));
        assertEquals("FULFILLED", read.getString("status"), "no scan but a delivery moves the order");

        scan(order[0], order[1], "in_transit", at(40), at(180), "newer-" + UUID.randomUUID()).statusCode(201);
        read = order(order[0]);
        assertEquals(at(180), read.getString("fulfillments[0].estimatedDeliveryAt"));
        assertEquals(at(120), read.getString("fulfillments[0].firstEstimatedDeliveryAt"), "the first estimate stays");
        List<String> types = types(order[0]);
        assertEquals(4, types.stream().filter("order.shipment_updated"::equals).count());
        assertEquals(2, types.stream().filter("order.delivery_estimate_changed"::equals).count());
    }

    @Test
    void aDeliveredScanDeliversTheOrderAndALateInTransitChangesNothing() {
        String[] order = shipped();
        scan(order[0], order[1], "delivered", at(50), null, UUID.randomUUID().toString()).statusCode(201);
        JsonPath delivered = order(order[0]);
        assertEquals("DELIVERED", delivered.getString("status"));
        assertEquals(at(50), delivered.getString("fulfillments[0].deliveredAt"), "delivered when the carrier says");
        assertEquals("delivered", delivered.getString("fulfillments[0].shipmentStatus"));
        List<String> types = types(order[0]);
        assertEquals(List.of("order.shipment_updated", "order.shipment_delivered", "order.delivered"),
                types.subList(types.size() - 3, types.size()));

        scan(order[0], order[1], "in_transit", at(55), at(600), UUID.randomUUID().toString()).statusCode(201);
        deliver(order[0], order[1]).statusCode(200);
        JsonPath after = order(order[0]);
        assertEquals("DELIVERED", after.getString("status"));
        assertEquals("delivered", after.getString("fulfillments[0].shipmentStatus"));
        assertNull(after.getString("fulfillments[0].estimatedDeliveryAt"));
        List<String> later = types(order[0]);
        assertEquals(types.size() + 1, later.size(), "only the late scan itself is logged");
        assertEquals("order.shipment_updated", later.get(later.size() - 1));
        assertEquals(1, later.stream().filter("order.delivered"::equals).count());
    }

    @Test
    void aShipmentExceptionIsItsOwnEvent() {
        String[] order = shipped();
        scan(order[0], order[1], "exception", at(15), null, UUID.randomUUID().toString()).statusCode(201);
        List<Map<String, Object>> history = given().get("/orders/{id}/history", order[0]).then().extract()
                .jsonPath().getList("$");
        // the exception, then the merchant alert it raises (README "Orders that need attention")
        Map<String, Object> exception = history.get(history.size() - 2);
        assertEquals("order.shipment_exception", exception.get("type"));
        assertEquals("order.attention_needed", history.get(history.size() - 1).get("type"));
        assertEquals("delivery_exception", ((Map<?, ?>) history.get(history.size() - 1).get("data")).get("rule"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) exception.get("data");
        assertEquals(order[1], data.get("fulfillmentId"));
        assertEquals("scan exception", data.get("message"));
    }

    @Test
    void theSameEventIdForAnotherShipmentOrStatusIsAConflict() {
        String[] first = shipped();
        String[] second = shipped();
        String eventId = UUID.randomUUID().toString();
        scan(first[0], first[1], "in_transit", at(10), null, eventId).statusCode(201);
        scan(second[0], second[1], "in_transit", at(10), null, eventId).statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("tracking-event-conflict"));
        scan(first[0], first[1], "delivered", at(10), null, eventId).statusCode(409);
        assertEquals("FULFILLED", order(first[0]).getString("status"));
    }

    @Test
    void badScansAreRefusedClearly() {
        String[] order = shipped();
        String path = "/orders/{id}/fulfillments/{fid}/tracking-events";
        given().contentType(ContentType.JSON).body(Map.of("status", "flying", "happenedAt", at(1), "source", "s",
                        "externalEventId", "e")).post(path, order[0], order[1])
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("status")).body("detail", containsString("in_transit"));
        given().contentType(ContentType.JSON).body(Map.of("status", "in_transit", "happenedAt", at(1),
                        "externalEventId", "e")).post(path, order[0], order[1])
                .then().statusCode(400).body("errors[0].field", containsString("source"));
        given().contentType(ContentType.JSON).body(Map.of("status", "in_transit", "happenedAt", "yesterday",
                        "source", "s", "externalEventId", "e")).post(path, order[0], order[1])
                .then().statusCode(400).body("errors[0].field", is("happenedAt"));
        scan(order[0], UUID.randomUUID().toString(), "in_transit", at(1), null, UUID.randomUUID().toString())
                .statusCode(404).contentType("application/problem+json");
        scan(order[0], order[1], "in_transit", NOW.plus(1, ChronoUnit.DAYS).toString(), null, UUID.randomUUID().toString())
                .statusCode(422).body("type", endsWith("scan-in-the-future"));
        given().header("Authorization", Tokens.bearer(Tokens.customer(newCustomer()))).contentType(ContentType.JSON)
                .body(Map.of("status", "in_transit", "happenedAt", at(1), "source", "s", "externalEventId", "e"))
                .post(path, order[0], order[1]).then().statusCode(403);
        given().get(path, order[0], order[1]).then().statusCode(200).body("size()", is(0));
        assertEquals(List.of(), given().get(path, order[0], order[1]).then().extract().jsonPath().getList("$"),
                "nothing refused was stored");
    }

    @Test
    void aCustomerReadsTheScansOfItsOwnOrdersOnly() {
        String sku = newSku("SCANC");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        String id = placeOk(orderBody(customer, sku, 1)).getString("id");
        pay(id, "AUTHORIZATION", 1000, "scan").statusCode(200);
        String fulfillment = fulfill(id, "SCANC-" + UUID.randomUUID(), sku, 1).statusCode(200)
                .extract().path("fulfillments[0].id");
        scan(id, fulfillment, "in_transit", at(5), null, UUID.randomUUID().toString()).statusCode(201);
        String path = "/orders/{id}/fulfillments/{fid}/tracking-events";
        given().header("Authorization", Tokens.bearer(Tokens.customer(customer))).get(path, id, fulfillment)
                .then().statusCode(200).body("status", contains("in_transit"));
        given().header("Authorization", Tokens.bearer(Tokens.customer(newCustomer()))).get(path, id, fulfillment)
                .then().statusCode(404).contentType("application/problem+json");
    }
}
