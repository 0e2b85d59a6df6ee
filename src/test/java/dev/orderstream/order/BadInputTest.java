package dev.orderstream.order;

import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.StockLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One test per class of client mistake: each gets a problem+json answer with the right status and
 * the offending fields, never a 500, and nothing in the database changes.
 */
@QuarkusTest
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";

    private final DataSource db = TestDatabase.dataSource();

    String sku;
    String customer;

    @BeforeEach
    void stock() {
        sku = newSku("BAD");
        customer = newCustomer();
        createProduct(sku, 1000, "EUR", 10);
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"customerId\": \"" + customer + "\", \"lines\": [")
                .post("/orders")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", endsWith("/malformed-json"))
                .body("status", is(400))
                .body("title", is("Malformed JSON"));
        assertNothingChanged();
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("lines", List.of(Map.of("sku", sku, "quantity", "two")));
        place(body).statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("lines[0].quantity"))
                .body("errors[0].message", is("must be a number"));
        assertNothingChanged();
    }

    @Test
    void missingAndInvalidFieldsAre400ListingEachOne() {
        Map<String, Object> body = orderBody(customer, sku, 0);
        body.remove("email");
        Map<String, Object> address = address();
        address.remove("city");
        address.put("country", "Germany");
        body.put("shippingAddress", address);
        place(body).statusCode(400)
                .contentType(PROBLEM)
                .body("type", endsWith("/invalid-request"))
                .body("errors.field", containsInAnyOrder(
                        "email", "shippingAddress.city", "shippingAddress.country", "lines[0].quantity"));
        assertNothingChanged();
    }

    @Test
    void quantitiesOutsideOneToTenThousandAre400() {
        place(orderBody(customer, sku, 10_001)).statusCode(400).body("errors[0].field", is("lines[0].quantity"));
        place(orderBody(customer, sku, -1)).statusCode(400);
        assertNothingChanged();
    }

    @Test
    void anInvalidEmailIs400() {
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("email", "not-an-email");
        place(body).statusCode(400).body("errors[0].field", is("email"));
        assertNothingChanged();
    }

    @Test
    void anOrderWithoutLinesIs400() {
        place(orderBody(customer)).statusCode(400).body("errors[0].field", is("lines"));
        assertNothingChanged();
    }

    @Test
    void anEmptyBodyIs400() {
        given().contentType(ContentType.JSON).post("/orders").then().statusCode(400).contentType(PROBLEM);
        assertNothingChanged();
    }

    @Test
    void anotherMediaTypeIs415() {
        given().contentType(ContentType.XML).body("<order/>").post("/orders")
                .then().statusCode(415).contentType(PROBLEM).body("detail", not(containsString("@")));
        assertNothingChanged();
    }

    @Test
    void anUnacceptableAcceptIs406InHttpsWords() {
        given().accept("application/xml").get("/products").then().statusCode(406).contentType(PROBLEM)
                .body("detail", allOf(containsString("Accept"), not(containsString("@"))));
    }

    @Test
    void aNonPaymentKindIs400() {
        String id = placeOk(orderBody(customer, sku, 1)).getString("id");
        post("/orders/{id}/payments", id, Map.of("kind", "REFUND", "amount", Map.of("amount", 1000, "currency", "EUR"),
                "provider", "psp"))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", is("kind"))
                .body("errors[0].message", containsString("AUTHORIZATION"));
        assertEquals("PENDING", order(id).getString("paymentStatus"));
    }

    @Test
    void anInvalidCurrencyIs400() {
        String id = placeOk(orderBody(customer, sku, 1)).getString("id");
        pay(id, "AUTHORIZATION", 1000, "a");  // valid, confirms
        post("/orders/{id}/refunds", id, Map.of("amount", Map.of("amount", 100, "currency", "euro")))
                .statusCode(400).body("errors[0].field", is("amount.currency"));
    }

    @Test
    void unknownOrdersAreNotFound() {
        String ghost = UUID.randomUUID().toString();
        given().get("/orders/{id}", ghost).then().statusCode(404).contentType(PROBLEM)
                .body("type", endsWith("/not-found"))
                .body("detail", containsString(ghost));
        given().get("/orders/{id}/history", ghost).then().statusCode(404).contentType(PROBLEM);
        cancel(ghost, "CUSTOMER").statusCode(404).contentType(PROBLEM);
        pay(ghost, "AUTHORIZATION", 100, "x").statusCode(404);
        given().get("/orders/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void unknownProductsAndPathsAreNotFound() {
        given().get("/products/{sku}", newSku("NOPE")).then().statusCode(404).contentType(PROBLEM);
        adjust(newSku("NOPE"), 5, "RESTOCK").statusCode(404).contentType(PROBLEM);
        given().get("/no/such/path").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aMalformedIfMatchIs400() {
        String id = placeOk(orderBody(customer, sku, 1)).getString("id");
        given().contentType(ContentType.JSON).header("If-Match", "yesterday")
                .body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", id)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("If-Match"));
        assertEquals("PENDING_PAYMENT", order(id).getString("status"));
    }

    @Test
    void aCursorWithANulIsRefusedBeforeTheDatabase() {
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("v1:A\u0000B".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().queryParam("cursor", forged).get("/products").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("cursor"));
    }

    @Test
    void aStreamFilteredOnAnUnknownEventTypeIs400() {
        given().get("/events?type=order.nope").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("type"))
                .body("detail", containsString("order.nope"));
    }

    @Test
    void aWeakIfMatchNeverMatches() {
        String id = placeOk(orderBody(customer, sku, 1)).getString("id");
        given().contentType(ContentType.JSON).header("If-Match", "W/\"0\"")
                .body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", id)
                .then().statusCode(412).contentType(PROBLEM).body("type", endsWith("/weak-etag"))
                .body("detail", containsString("\"0\""));
        assertEquals("PENDING_PAYMENT", order(id).getString("status"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("reason", "CUSTOMER"))
                .post("/orders/{id}/cancellation", id)
                .then().statusCode(200);
    }

    @Test
    void badListParametersAre400() {
        given().queryParam("status", "SHIPPED").get("/orders").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", is("status"));
        given().queryParam("limit", 0).get("/orders").then().statusCode(400).body("errors[0].field", is("limit"));
        given().queryParam("limit", "many").get("/orders").then().statusCode(400);
        given().queryParam("cursor", "forged").get("/orders").then().statusCode(400).body("errors[0].field", is("cursor"));
        given().queryParam("createdFrom", "last week").get("/orders").then().statusCode(400);
        given().queryParam("limit", 1000).get("/products").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anOverlongIdempotencyKeyIs400() {
        place(orderBody(customer, sku, 1), "k".repeat(256)).statusCode(400).contentType(PROBLEM);
        assertNothingChanged();
    }

    /** The product's stock is as created and the customer has no orders. */
    private void assertNothingChanged() {
        assertEquals(List.of(10, 0, 10), stockOf(sku));
        given().queryParam("customerId", customer).get("/orders").then().statusCode(200).body("items", empty());
        StockLedger ledger = new StockLedger(db);
        ledger.assertConsistent(sku);
        assertEquals(0, ledger.count("SELECT count(*) FROM order_events WHERE customer_id = ?", customer));
    }
}
