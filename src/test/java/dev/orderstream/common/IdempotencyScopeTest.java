package dev.orderstream.common;

import dev.orderstream.common.security.Roles;
import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Idempotency-Keys are the caller's own: the same key from two callers is two requests, a replay goes
 * only to the caller that made the request, and a reused key with another body is refused only
 * within its caller's keys.
 */
@QuarkusTest
class IdempotencyScopeTest {

    private final DataSource db = TestDatabase.dataSource();
    private String apple;
    private final String scannedAt = java.time.Instant.now().minusSeconds(60).toString();

    @BeforeEach
    void stock() {
        apple = newSku("SCOPE");
        createProduct(apple, 1000, "EUR", 100);
    }

    @Test
    void twoCustomersWithOneKeyEachGetTheirOwnOrderAndOnlyTheFirstGetsItsReplay() {
        String a = newCustomer();
        String b = newCustomer();
        String key = "cart-" + System.nanoTime();

        String first = placeAs(a, orderBody(a, apple, 1), key).statusCode(201).extract().path("id");
        String second = placeAs(b, orderBody(b, apple, 2), key).statusCode(201).extract().path("id");
        assertNotEquals(first, second, "two callers, two orders");
        assertEquals(b, order(second).getString("customerId"));

        assertEquals(first, placeAs(a, orderBody(a, apple, 1), key).statusCode(201).extract().path("id"),
                "the first customer's replay is its own order");
        assertEquals(second, placeAs(b, orderBody(b, apple, 2), key).statusCode(201).extract().path("id"),
                "and the second's its own");
        placeAs(a, orderBody(a, apple, 3), key)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));
        assertEquals(List.of(100, 3, 97), stockOf(apple), "two orders held, nothing else");
    }

    @Test
    void aCustomerSendingAnothersKeyAndBodyIsRefusedBeforeAnyReplay() {
        String a = newCustomer();
        String b = newCustomer();
        String key = "cart-" + System.nanoTime();
        placeAs(a, orderBody(a, apple, 1), key).statusCode(201);

        placeAs(b, orderBody(a, apple, 1), key)
                .statusCode(403)
                .contentType("application/problem+json");
        assertEquals(List.of(100, 1, 99), stockOf(apple));
    }

    @Test
    void staffActingForACustomerKeepTheirOwnKeys() {
        String a = newCustomer();
        String key = "phone-order-" + System.nanoTime();
        String byStaff = place(orderBody(a, apple, 1), key).statusCode(201).extract().path("id");
        String byCustomer = placeAs(a, orderBody(a, apple, 1), key).statusCode(201).extract().path("id");

        assertNotEquals(byStaff, byCustomer, "the same key and body from staff and from the customer: two requests");
        assertEquals(List.of(100, 2, 98), stockOf(apple));
    }

    @Test
    void twoServicesPayingWithOneKeyAreTwoPaymentsAndEachReplaysItsOwn() {
        String customer = newCustomer();
        String id = placeOk(orderBody(customer, apple, 2)).getString("id");
        String psp = Tokens.token("psp-" + System.nanoTime(), Roles.SERVICE, Duration.ofMinutes(10));
        String capturer = Tokens.token("capturer-" + System.nanoTime(), Roles.SERVICE, Duration.ofMinutes(10));
        String key = "payment-" + System.nanoTime();

        payAs(psp, id, "AUTHORIZATION", 2000, "AUTH-1", key).statusCode(200).body("status", org.hamcrest.Matchers.is("CONFIRMED"));
        payAs(capturer, id, "CAPTURE", 2000, "CAP-1", key).statusCode(200).body("paymentStatus", org.hamcrest.Matchers.is("PAID"));

        payAs(psp, id, "AUTHORIZATION", 2000, "AUTH-1", key).statusCode(200)
                .body("paymentStatus", org.hamcrest.Matchers.is("AUTHORIZED")); // its own stored answer
        payAs(psp, id, "CAPTURE", 500, "CAP-2", key).statusCode(422)
                .body("type", endsWith("/idempotency-key-reused"));
        assertEquals("PAID", order(id).getString("paymentStatus"), "the replay changed nothing");
    }

    @Test
    void aCustomerAndStaffCancellingWithOneKeyDoNotMeet() {
        String a = newCustomer();
        String key = "cancel-" + System.nanoTime();
        String mine = placeOk(orderBody(a, apple, 1)).getString("id");
        String other = placeOk(orderBody(newCustomer(), apple, 1)).getString("id");

        given().header("Authorization", Tokens.bearer(Tokens.customer(a))).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", mine).then().statusCode(200);
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Map.of("reason", "FRAUD"))
                .post("/orders/{id}/cancellation", other).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("CANCELLED"));
    }

    @Test
    void twoStaffAdjustingStockWithOneKeyAreTwoAdjustments() {
        String key = "count-" + System.nanoTime();
        String other = Tokens.token("staff-2", Roles.STAFF, Duration.ofMinutes(10));
        adjustAs(Tokens.staff(), key, 5).statusCode(200);
        adjustAs(other, key, 7).statusCode(200);
        adjustAs(Tokens.staff(), key, 5).statusCode(200);
        adjustAs(other, key, 8).statusCode(422).body("type", endsWith("/idempotency-key-reused"));
        assertEquals(112, stockOf(apple).get(0), "5 and 7 once each");
    }

    @Test
    void twoCarrierIntegrationsScanningWithOneKeyAreTwoScans() {
        String id = paidOrder(apple, 1);
        String shipment = fulfill(id, "SCOPE-" + System.nanoTime(), apple, 1).statusCode(200)
                .extract().path("fulfillments[0].id");
        String key = "scan-" + System.nanoTime();
        String dhl = Tokens.token("dhl-bridge", Roles.SERVICE, Duration.ofMinutes(10));
        String ups = Tokens.token("ups-bridge", Roles.SERVICE, Duration.ofMinutes(10));
        scanAs(dhl, id, shipment, key, "dhl", "in_transit").statusCode(201);
        scanAs(ups, id, shipment, key, "ups", "out_for_delivery").statusCode(201);
        scanAs(dhl, id, shipment, key, "dhl", "in_transit").statusCode(200); // its own replay
        given().get("/orders/{id}/fulfillments/{fid}/tracking-events", id, shipment).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(2));
    }

    /**
     * A key stored before keys had scopes (the empty scope) still replays to the same request, so
     * an upgrade loses none; another caller's different request with it is not refused.
     */
    @Test
    void aKeyStoredBeforeScopesStillReplaysAndRefusesNobody() throws SQLException {
        String a = newCustomer();
        String key = "legacy-" + System.nanoTime();
        String first = placeAs(a, orderBody(a, apple, 1), key).statusCode(201).extract().path("id");
        assertEquals(1, execute("UPDATE idempotency_keys SET scope = '' WHERE idempotency_key = ?", key),
                "stored as before V12");

        assertEquals(first, placeAs(a, orderBody(a, apple, 1), key).statusCode(201).extract().path("id"), "replayed");
        String b = newCustomer();
        placeAs(b, orderBody(b, apple, 2), key).statusCode(201);
        assertEquals(List.of(100, 3, 97), stockOf(apple), "the replay held nothing more");
        assertEquals(2, count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", key),
                "the unscoped key and the other customer's");
    }

    private static ValidatableResponse placeAs(String customer, Map<String, Object> body, String key) {
        return given().header("Authorization", Tokens.bearer(Tokens.customer(customer))).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/orders").then();
    }

    private ValidatableResponse scanAs(String token, String id, String shipment, String key, String source,
                                              String status) {
        return given().header("Authorization", Tokens.bearer(token)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("status", status, "happenedAt", scannedAt,
                        "source", source, "externalEventId", source + "-1"))
                .post("/orders/{id}/fulfillments/{fid}/tracking-events", id, shipment).then();
    }

    private static ValidatableResponse payAs(String token, String id, String kind, long amount, String reference, String key) {
        return given().header("Authorization", Tokens.bearer(token)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "amount", Map.of("amount", amount, "currency", "EUR"), "provider", "psp",
                        "reference", reference))
                .post("/orders/{id}/payments", id).then();
    }

    private ValidatableResponse adjustAs(String token, String key, int delta) {
        return given().header("Authorization", Tokens.bearer(token)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("delta", delta, "reason", "RESTOCK"))
                .post("/products/{sku}/stock-adjustments", apple).then();
    }

    private int execute(String sql, String parameter) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            return statement.executeUpdate();
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
