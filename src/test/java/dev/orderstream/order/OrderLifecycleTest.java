package dev.orderstream.order;

import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.StockLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Orders through the REST API, from placement to after-sale service, with stock checked at every step. */
@QuarkusTest
class OrderLifecycleTest {

    private final DataSource db = TestDatabase.dataSource();

    StockLedger ledger;
    String shirt;
    String socks;

    @BeforeEach
    void stock() {
        ledger = new StockLedger(db);
        shirt = newSku("SHIRT");
        socks = newSku("SOCKS");
        createProduct(shirt, 2500, "EUR", 10);
        createProduct(socks, 500, "EUR", 20);
    }

    @Test
    void theWholeLifeOfAnOrder() {
        // place: 3 shirts and 4 pairs of socks, 95.00 EUR
        JsonPath placed = placeOk(orderBody(newCustomer(), shirt, 3, socks, 4));
        String id = placed.getString("id");
        assertEquals(9500, placed.getInt("total.amount"));
        assertStock(shirt, 10, 3);
        assertStock(socks, 20, 4);

        // pay: authorization confirms, capture takes the money
        pay(id, "AUTHORIZATION", 9500, "auth-1").statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", is("CONFIRMED"))
                .body("paymentStatus", is("AUTHORIZED"))
                .body("reservedUntil", nullValue());
        pay(id, "CAPTURE", 9500, "cap-1").statusCode(200)
                .body("paymentStatus", is("PAID"))
                .body("paid.captured.amount", is(9500));
        assertStock(shirt, 10, 3);

        // ship partly: 2 shirts leave the warehouse and the hold
        fulfill(id, "TRACK-1", shirt, 2).statusCode(200)
                .body("status", is("PARTIALLY_FULFILLED"))
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].carrier", is("DHL"))
                .body("fulfillments[0].trackingNumber", is("TRACK-1"))
                .body("fulfillments[0].trackingUrl", is("https://track.example/TRACK-1"))
                .body("lines.find { it.sku == '" + shirt + "' }.shippedQuantity", is(2));
        assertStock(shirt, 8, 1);
        assertStock(socks, 20, 4);

        // ship the rest
        JsonPath shipped = fulfill(id, "TRACK-2", shirt, 1, socks, 4).statusCode(200)
                .body("status", is("FULFILLED"))
                .extract().jsonPath();
        assertStock(shirt, 7, 0);
        assertStock(socks, 16, 0);

        // deliver both shipments; the order is delivered with the last one
        deliver(id, shipped.getString("fulfillments[0].id")).statusCode(200).body("status", is("FULFILLED"));
        deliver(id, shipped.getString("fulfillments[1].id")).statusCode(200)
                .body("status", is("DELIVERED"))
                .body("fulfillments.deliveredAt", everyItem(notNullValue()));

        // a repeated delivery changes nothing and is not an error
        long version = order(id).getLong("version");
        deliver(id, shipped.getString("fulfillments[1].id")).statusCode(200)
                .body("status", is("DELIVERED"))
                .body("version", is((int) version));

        // return one shirt, receive it and put it back on sale
        String returnId = requestReturn(id, shirt, 1).statusCode(200)
                .body("returns", hasSize(1))
                .body("returns[0].status", is("REQUESTED"))
                .extract().path("returns[0].id");
        assertStock(shirt, 7, 0);
        receiveReturn(id, returnId, true).statusCode(200)
                .body("status", is("PARTIALLY_RETURNED"))
                .body("returns[0].status", is("RECEIVED"))
                .body("returns[0].restocked", is(true))
                .body("lines.find { it.sku == '" + shirt + "' }.returnedQuantity", is(1));
        assertStock(shirt, 8, 0);

        // refund the returned shirt
        refund(id, 2500, returnId).statusCode(200)
                .body("paymentStatus", is("PARTIALLY_REFUNDED"))
                .body("paid.refunded.amount", is(2500));

        // the history is the whole story, gap-free
        given().get("/orders/{id}/history", id).then()
                .statusCode(200)
                .body("type", contains(
                        "order.placed",
                        "order.payment_authorized", "order.confirmed",
                        "order.payment_captured",
                        "order.fulfillment_created",
                        "order.fulfillment_created", "order.fulfilled",
                        "order.shipment_delivered",
                        "order.shipment_delivered", "order.delivered",
                        "order.return_requested",
                        "order.return_received",
                        "order.refunded"))
                .body("sequence", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13))
                .body("orderId", everyItem(is(id)))
                .body("[-1].status", is("PARTIALLY_RETURNED"))
                .body("[-1].paymentStatus", is("PARTIALLY_REFUNDED"))
                .body("[-1].data.amount.amount", is(2500))
                .body("[-1].data.returnId", is(returnId));
        ledger.assertConsistent(shirt, socks);
    }

    @Test
    void returningEverythingMovesToReturnedAndWithoutRestockKeepsTheShelfAsIs() {
        String id = paidOrder(shirt, 2);
        fulfill(id, "T-1", shirt, 2).statusCode(200);
        assertStock(shirt, 8, 0);
        String returnId = requestReturn(id, shirt, 2).statusCode(200).extract().path("returns[0].id");
        receiveReturn(id, returnId, false).statusCode(200).body("status", is("RETURNED"));
        assertStock(shirt, 8, 0);
        refund(id, 5000, returnId).statusCode(200).body("paymentStatus", is("REFUNDED"));
        refund(id, 1, null).statusCode(422).body("type", endsWith("/refund-exceeds-captured"));
    }

    @Test
    void cancellingReleasesEveryHeldUnit() {
        String id = placeOk(orderBody(newCustomer(), shirt, 2, socks, 3)).getString("id");
        assertStock(shirt, 10, 2);
        cancel(id, "CUSTOMER").statusCode(200)
                .body("status", is("CANCELLED"))
                .body("cancellation.reason", is("CUSTOMER"));
        assertStock(shirt, 10, 0);
        assertStock(socks, 20, 0);
        // cancelling again changes nothing and is not an error
        cancel(id, "CUSTOMER").statusCode(200).body("status", is("CANCELLED"));
        assertStock(shirt, 10, 0);
        given().get("/orders/{id}/history", id).then().body("type", contains("order.placed", "order.cancelled"));
        ledger.assertConsistent(shirt, socks);
    }

    @Test
    void cancellingAPaidOrderRecordsARefund() {
        String id = paidOrder(shirt, 1);
        cancel(id, "MERCHANT").statusCode(200)
                .body("status", is("CANCELLED"))
                .body("paymentStatus", is("REFUNDED"))
                .body("payments.kind", contains("AUTHORIZATION", "CAPTURE", "REFUND"));
        assertStock(shirt, 10, 0);
    }

    @Test
    void cancellingAnAuthorizedOrderRecordsAVoid() {
        String id = placeOk(orderBody(newCustomer(), shirt, 1)).getString("id");
        pay(id, "AUTHORIZATION", 2500, "auth").statusCode(200);
        cancel(id, "FRAUD").statusCode(200)
                .body("paymentStatus", is("VOIDED"))
                .body("payments.kind", contains("AUTHORIZATION", "VOID"));
    }

    @Test
    void nothingThatShippedCanBeCancelled() {
        String id = paidOrder(shirt, 2);
        fulfill(id, "T-1", shirt, 1).statusCode(200);
        cancel(id, "CUSTOMER").statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/illegal-transition"))
                .body("currentStatus", is("PARTIALLY_FULFILLED"));
        assertStock(shirt, 9, 1);
    }

    @Test
    void paymentOnACancelledOrderIsAConflict() {
        String id = placeOk(orderBody(newCustomer(), shirt, 1)).getString("id");
        cancel(id, "CUSTOMER").statusCode(200);
        for (String kind : List.of("AUTHORIZATION", "CAPTURE", "VOID")) {
            pay(id, kind, 2500, "late-" + kind).statusCode(409)
                    .body("currentStatus", is("CANCELLED"));
        }
    }

    @Test
    void authorizationMustMatchTheTotalAndCaptureStaysWithinIt() {
        String id = placeOk(orderBody(newCustomer(), shirt, 2)).getString("id");
        pay(id, "AUTHORIZATION", 4999, "a").statusCode(422).body("type", endsWith("/amount-mismatch"));
        pay(id, "CAPTURE", 100, "c").statusCode(409);
        pay(id, "AUTHORIZATION", 5000, "a").statusCode(200);
        pay(id, "CAPTURE", 3000, "c1").statusCode(200).body("paymentStatus", is("PAID"));
        pay(id, "CAPTURE", 2001, "c2").statusCode(422).body("type", endsWith("/amount-exceeds-authorized"));
        pay(id, "VOID", 2000, "v").statusCode(200).body("paid.voided.amount", is(2000));
        // the provider delivers the same capture again: nothing changes
        pay(id, "CAPTURE", 3000, "c1").statusCode(200).body("payments", hasSize(3));
    }

    @Test
    void shippingNeverExceedsWhatWasOrderedAndNeedsPayment() {
        String unpaid = placeOk(orderBody(newCustomer(), shirt, 1)).getString("id");
        fulfill(unpaid, "T-0", shirt, 1).statusCode(409).body("currentStatus", is("PENDING_PAYMENT"));

        String id = paidOrder(shirt, 2);
        fulfill(id, "T-1", shirt, 3).statusCode(422).body("type", endsWith("/over-fulfillment"));
        fulfill(id, "T-1", socks, 1).statusCode(422).body("type", endsWith("/unknown-line"));
        assertStock(shirt, 10, 3);
        fulfill(id, "T-1", shirt, 2).statusCode(200).body("status", is("FULFILLED"));
        // the same shipment reported again: nothing changes, no error
        fulfill(id, "T-1", shirt, 2).statusCode(200).body("fulfillments", hasSize(1));
        // a new shipment after everything shipped is a conflict
        fulfill(id, "T-9", shirt, 1).statusCode(409).body("currentStatus", is("FULFILLED"));
        assertStock(shirt, 8, 1);
        ledger.assertConsistent(shirt);
    }

    @Test
    void returnsCoverShippedUnitsOnly() {
        String id = paidOrder(shirt, 2);
        requestReturn(id, shirt, 1).statusCode(409).body("currentStatus", is("CONFIRMED"));
        fulfill(id, "T-1", shirt, 2).statusCode(200);
        requestReturn(id, shirt, 3).statusCode(422).body("type", endsWith("/return-exceeds-shipped"));
        requestReturn(id, shirt, 2).statusCode(200);
        requestReturn(id, shirt, 1).statusCode(422);
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String id = placeOk(orderBody(newCustomer(), shirt, 1)).getString("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("type", endsWith("/stale-version"))
                .body("currentVersion", is(0));
        assertEquals("PENDING_PAYMENT", order(id).getString("status"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", id)
                .then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void aRetriedPaymentWithTheSameKeyIsRecordedOnce() {
        String id = placeOk(orderBody(newCustomer(), shirt, 1)).getString("id");
        Map<String, Object> body = Map.of("kind", "AUTHORIZATION", "amount", Map.of("amount", 2500, "currency", "EUR"),
                "provider", "psp");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", "pay-" + id).body(body)
                .post("/orders/{id}/payments", id).then().statusCode(200).extract().asString();
        String again = given().contentType(ContentType.JSON).header("Idempotency-Key", "pay-" + id).body(body)
                .post("/orders/{id}/payments", id).then().statusCode(200).extract().asString();
        assertEquals(first, again);
        assertEquals(1, order(id).getList("payments").size());
    }

    @Test
    void unknownFulfillmentsAndReturnsAreNotFound() {
        String id = paidOrder(shirt, 1);
        deliver(id, java.util.UUID.randomUUID().toString()).statusCode(404).contentType("application/problem+json");
        receiveReturn(id, java.util.UUID.randomUUID().toString(), true).statusCode(404);
    }

    @Test
    void aRepeatedPaymentReferenceWithOtherContentIsRefusedNamingWhatDiffers() {
        String id = placeOk(orderBody(newCustomer(), shirt, 2)).getString("id");
        pay(id, "AUTHORIZATION", 5000, "AUTH-1").statusCode(200);
        pay(id, "CAPTURE", 500, "CAP-1").statusCode(200);

        long version = order(id).getLong("version");
        pay(id, "CAPTURE", 500, "CAP-1").statusCode(200).body("version", is((int) version)); // an exact repeat: nothing changes
        pay(id, "CAPTURE", 2500, "CAP-1").statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/conflicting-repeat"))
                .body("detail", containsString("amount 2500 (recorded: 500)"));
        given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("kind", "CAPTURE", "amount", java.util.Map.of("amount", 2500, "currency", "USD"),
                        "provider", "psp", "reference", "CAP-1"))
                .post("/orders/{id}/payments", id).then().statusCode(422)
                .body("type", endsWith("/conflicting-repeat"))
                .body("detail", allOf(containsString("currency USD (recorded: EUR)"), containsString("amount 2500")));
        JsonPath after = order(id);
        assertEquals(version, after.getLong("version"), "nothing recorded");
        assertEquals(500, after.getLong("paid.captured.amount"));
    }

    /** A free order (total 0): an authorization of nothing confirms it, and it is paid: nothing is owed or capturable. */
    @Test
    void aFreeOrderIsConfirmedAndPaidByAnAuthorizationOfNothing() {
        String sample = newSku("SAMPLE");
        createProduct(sample, 0, "EUR", 5);
        String id = placeOk(orderBody(newCustomer(), sample, 1)).getString("id");
        assertEquals("PENDING", order(id).getString("paymentStatus"));

        pay(id, "AUTHORIZATION", 0, "free-" + id).statusCode(200)
                .body("status", is("CONFIRMED"))
                .body("paymentStatus", is("PAID"));
        pay(id, "CAPTURE", 0, "cap-" + id).statusCode(409); // nothing authorized to capture
        refund(id, 1, null).statusCode(422).body("type", endsWith("/refund-exceeds-captured"));
        fulfill(id, "T-" + id, sample, 1).statusCode(200).body("status", is("FULFILLED")).body("paymentStatus", is("PAID"));
        ledger.assertConsistent(sample);
    }

    @Test
    void aRepeatedShipmentWithOtherLinesIsRefused() {
        String id = paidOrder(shirt, 2);
        fulfill(id, "T-1", shirt, 1).statusCode(200);
        fulfill(id, "T-1", shirt, 1).statusCode(200).body("fulfillments", hasSize(1)); // exact repeat
        fulfill(id, "T-1", shirt, 2).statusCode(422).body("type", endsWith("/conflicting-repeat"))
                .body("detail", containsString("other lines"));
        assertEquals(1, order(id).getList("fulfillments").size());
        ledger.assertConsistent(shirt);
    }

    private static void assertStock(String sku, int onHand, int reserved) {
        assertEquals(List.of(onHand, reserved, onHand - reserved), stockOf(sku), sku + " onHand, reserved, available");
    }
}
