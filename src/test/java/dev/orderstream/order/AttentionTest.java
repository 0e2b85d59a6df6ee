package dev.orderstream.order;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Merchant alerts with the clock in hand: the sweep is called with the instant to judge at (days
 * ahead), no waiting. Each rule fires once per order as {@code order.attention_needed}, clears as
 * {@code order.attention_cleared} when the order moves on, and the work queue pages.
 */
@QuarkusTest
@TestProfile(AttentionTest.OwnSchema.class)
class AttentionTest {

    /** A fresh schema (this class sweeps days ahead: every order in it is judged) and no scheduled sweep. */
    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orderstream.alerts.sweep-interval", "1h");
        }
    }

    @Inject
    AttentionSweeper sweeper;

    private int sweep(Instant at) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(at));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static String paidOrder(String customer, String sku) {
        String id = placeOk(orderBody(customer, sku, 2)).getString("id");
        pay(id, "AUTHORIZATION", 2000, "auth-" + id).statusCode(200);
        return id;
    }

    private static String product() {
        String sku = newSku("ALERT");
        createProduct(sku, 1000, "EUR", 100);
        return sku;
    }

    /** The order's attention events, as "needed:rule" and "cleared:rule". */
    private static List<String> attention(String id) {
        JsonPath history = given().get("/orders/{id}/history", id).then().statusCode(200).extract().jsonPath();
        List<String> seen = new ArrayList<>();
        List<String> types = history.getList("type");
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).startsWith("order.attention_")) {
                seen.add(types.get(i).substring("order.attention_".length()) + ":" + history.getString("[" + i + "].data.rule"));
            }
        }
        return seen;
    }

    private static List<String> queue(String query) {
        return given().get("/orders?" + query).then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    @Test
    void confirmedButNotShipped_firesOnceAfterTheBusinessHours_evenWithTwoSweepers_andClearsWhenItShips() throws Exception {
        String sku = product();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(paidOrder(newCustomer(), sku));
        }
        Instant now = Instant.now();
        sweep(now.plus(Duration.ofHours(1)));
        assertEquals(List.of(), attention(orders.get(0)), "within the business hours");

        Instant weekLater = now.plus(Duration.ofDays(7));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> {
                    start.await();
                    return sweep(weekLater);
                }));
            }
            start.countDown();
            for (Future<Integer> run : both) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        sweep(weekLater.plus(Duration.ofDays(1)));
        for (String id : orders) {
            assertEquals(List.of("needed:confirmed_not_shipped"), attention(id), "once, whoever swept");
        }
        JsonPath history = given().get("/orders/{id}/history", orders.get(0)).then().extract().jsonPath();
        String reason = history.getString("find { it.type == 'order.attention_needed' }.data.reason");
        assertTrue(reason.contains("16 business hours"), reason);
        assertTrue(queue("attention=true&rule=confirmed_not_shipped&limit=200").containsAll(orders));

        fulfill(orders.get(0), "TRK-" + orders.get(0), sku, 2).statusCode(200);
        assertEquals(List.of("needed:confirmed_not_shipped", "cleared:confirmed_not_shipped"), attention(orders.get(0)));
        assertTrue(!queue("attention=true&limit=200").contains(orders.get(0)));
        assertTrue(queue("attention=false&limit=200").contains(orders.get(0)));
        cancel(orders.get(1), "MERCHANT").statusCode(200);
        assertEquals(List.of("needed:confirmed_not_shipped", "cleared:confirmed_not_shipped"), attention(orders.get(1)));
    }

    @Test
    void noCarrierScanThenStalledInTransit_eachFiresAndClearsWithTheNextScan() {
        String sku = product();
        String id = paidOrder(newCustomer(), sku);
        String shipment = fulfill(id, "TRK-S-" + id, sku, 2).statusCode(200).extract().jsonPath().getString("fulfillments[0].id");
        Instant now = Instant.now();
        sweep(now.plus(Duration.ofDays(1)));
        assertEquals(List.of(), attention(id));

        sweep(now.plus(Duration.ofDays(3)));
        assertEquals(List.of("needed:no_carrier_scan"), attention(id));
        assertTrue(queue("rule=no_carrier_scan&limit=200").contains(id));
        scan(id, shipment, "in_transit", now.minusSeconds(60).toString(), null, "s1-" + id).statusCode(201);
        assertEquals(List.of("needed:no_carrier_scan", "cleared:no_carrier_scan"), attention(id));

        sweep(now.plus(Duration.ofDays(5)));
        sweep(now.plus(Duration.ofDays(6)));
        assertEquals(List.of("needed:no_carrier_scan", "cleared:no_carrier_scan", "needed:stalled_in_transit"), attention(id));
        scan(id, shipment, "in_transit", now.minusSeconds(30).toString(), null, "s2-" + id).statusCode(201);
        assertEquals(List.of("needed:no_carrier_scan", "cleared:no_carrier_scan", "needed:stalled_in_transit",
                "cleared:stalled_in_transit"), attention(id));
    }

    @Test
    void aMissedEstimateFiresAndClearsOnDelivery_anExceptionFiresAtOnceAndClearsWhenTheShipmentMovesOn() {
        String sku = product();
        String late = paidOrder(newCustomer(), sku);
        String shipment = fulfill(late, "TRK-L-" + late, sku, 2).statusCode(200).extract().jsonPath().getString("fulfillments[0].id");
        Instant now = Instant.now();
        scan(late, shipment, "in_transit", now.minusSeconds(60).toString(), now.plus(Duration.ofDays(1)).toString(),
                "e1-" + late).statusCode(201);
        sweep(now.plus(Duration.ofHours(20)));
        assertEquals(List.of(), attention(late));
        sweep(now.plus(Duration.ofDays(2)));
        assertEquals(List.of("needed:estimated_delivery_missed"), attention(late));
        deliver(late, shipment).statusCode(200);
        assertEquals(List.of("needed:estimated_delivery_missed", "cleared:estimated_delivery_missed"), attention(late));

        String troubled = paidOrder(newCustomer(), sku);
        String parcel = fulfill(troubled, "TRK-X-" + troubled, sku, 2).statusCode(200).extract().jsonPath()
                .getString("fulfillments[0].id");
        scan(troubled, parcel, "exception", now.minusSeconds(60).toString(), null, "x1-" + troubled).statusCode(201);
        assertEquals(List.of("needed:delivery_exception"), attention(troubled), "at once, with the scan");
        sweep(now.plus(Duration.ofMinutes(5)));
        scan(troubled, parcel, "exception", now.minusSeconds(50).toString(), null, "x2-" + troubled).statusCode(201);
        assertEquals(List.of("needed:delivery_exception"), attention(troubled), "once, however many exception scans");
        scan(troubled, parcel, "in_transit", now.minusSeconds(40).toString(), null, "x3-" + troubled).statusCode(201);
        assertEquals(List.of("needed:delivery_exception", "cleared:delivery_exception"), attention(troubled));
    }

    @Test
    void theWorkQueuePagesNewestFirst_andRulesAreReadable() {
        String sku = product();
        String customer = newCustomer();
        List<String> flagged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = paidOrder(customer, sku);
            String shipment = fulfill(id, "TRK-Q-" + id, sku, 2).statusCode(200).extract().jsonPath().getString("fulfillments[0].id");
            scan(id, shipment, "exception", Instant.now().minusSeconds(60).toString(), null, "q-" + id).statusCode(201);
            flagged.add(0, id);
        }
        paidOrder(customer, sku); // not flagged
        JsonPath first = given().get("/orders?customerId=" + customer + "&attention=true&limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(flagged.subList(0, 2), first.getList("items.id"));
        assertEquals(List.of("delivery_exception"), first.getList("items[0].attention"));
        JsonPath second = given().get("/orders?customerId=" + customer + "&attention=true&limit=2&cursor="
                + first.getString("nextCursor")).then().statusCode(200).extract().jsonPath();
        assertEquals(flagged.subList(2, 4), second.getList("items.id"));
        JsonPath third = given().get("/orders?customerId=" + customer + "&attention=true&limit=2&cursor="
                + second.getString("nextCursor")).then().statusCode(200).extract().jsonPath();
        assertEquals(flagged.subList(4, 5), third.getList("items.id"));
        assertEquals(6, given().get("/orders?customerId=" + customer + "&limit=10").then().extract().jsonPath()
                .getList("items").size());

        given().get("/orders?attention=maybe").then().statusCode(400).contentType("application/problem+json");
        given().get("/orders?rule=no_such_rule").then().statusCode(400).contentType("application/problem+json");
        JsonPath rules = given().get("/alert-rules").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("confirmed_not_shipped", "no_carrier_scan", "stalled_in_transit", "estimated_delivery_missed",
                "delivery_exception"), rules.getList("rule"));
        assertTrue(rules.getString("[0].threshold").startsWith("16 business hours"), rules.prettify());
    }
}
