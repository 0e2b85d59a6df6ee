package dev.orderstream.order;

import dev.orderstream.support.StockLedger;
import dev.orderstream.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JSON body of the wrong shape, on every write endpoint: an array, a string, a number or a boolean
 * where an object belongs, and wrong shapes inside (a string for an array, an array for a string, a
 * number for Money, a number out of range). Each is a 400 problem naming the field (or {@code body}
 * for the whole), and nothing is written.
 */
@QuarkusTest
class WrongShapeTest {

    private static final String PROBLEM = "application/problem+json";

    private final DataSource db = TestDatabase.dataSource();

    String sku;
    String customer;
    String orderId;

    /** Every endpoint that takes a JSON body: method and path ({id}: an unpaid order of the test's customer). */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"POST", "/orders"},
            new String[] {"POST", "/orders/{id}/payments"},
            new String[] {"POST", "/orders/{id}/fulfillments"},
            new String[] {"POST", "/orders/{id}/cancellation"},
            new String[] {"POST", "/orders/{id}/returns"},
            new String[] {"POST", "/orders/{id}/returns/" + UUID.randomUUID() + "/receipt"},
            new String[] {"POST", "/orders/{id}/refunds"},
            new String[] {"POST", "/products/{sku}/stock-adjustments"},
            new String[] {"PUT", "/products/{sku}"});

    static Stream<Arguments> wholeBodies() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] endpoint : ENDPOINTS) {
            for (String body : List.of("[1,2,3]", "\"text\"", "42", "true")) {
                cases.add(Arguments.of(endpoint[0], endpoint[1], body));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("POST", "/orders", "{\"lines\":\"x\"}", "lines"),
                Arguments.of("POST", "/orders", "{\"shippingAddress\":[\"Berlin\"]}", "shippingAddress"),
                Arguments.of("POST", "/orders", "{\"customerId\":{\"id\":1}}", "customerId"),
                Arguments.of("POST", "/orders", "{\"lines\":[{\"sku\":\"A\",\"quantity\":99999999999}]}", "lines[0].quantity"),
                Arguments.of("POST", "/orders/{id}/payments", "{\"kind\":[\"AUTHORIZATION\"]}", "kind"),
                Arguments.of("POST", "/orders/{id}/payments", "{\"kind\":\"AUTHORIZATION\",\"amount\":5}", "amount"),
                Arguments.of("POST", "/orders/{id}/fulfillments", "{\"lines\":{\"sku\":\"A\"}}", "lines"),
                Arguments.of("POST", "/orders/{id}/cancellation", "{\"reason\":{\"code\":\"CUSTOMER\"}}", "reason"),
                Arguments.of("POST", "/orders/{id}/returns", "{\"lines\":[[\"A\",1]]}", "lines[0]"),
                Arguments.of("POST", "/orders/{id}/refunds", "{\"amount\":5}", "amount"),
                Arguments.of("POST", "/orders/{id}/refunds", "{\"amount\":{\"amount\":\"lots\",\"currency\":\"EUR\"}}",
                        "amount.amount"),
                Arguments.of("POST", "/products/{sku}/stock-adjustments", "{\"delta\":[5],\"reason\":\"RESTOCK\"}", "delta"),
                Arguments.of("PUT", "/products/{sku}", "{\"name\":\"X\",\"price\":1999}", "price"),
                // strict numbers and strings (issue 22): never truncated, never coerced
                Arguments.of("POST", "/orders", "{\"lines\":[{\"sku\":\"A\",\"quantity\":1.9}]}", "lines[0].quantity"),
                Arguments.of("POST", "/orders", "{\"lines\":[{\"sku\":\"A\",\"quantity\":\"2\"}]}", "lines[0].quantity"),
                Arguments.of("POST", "/orders", "{\"customerId\":42}", "customerId"),
                Arguments.of("POST", "/orders/{id}/payments", "{\"kind\":\"AUTHORIZATION\",\"amount\":{\"amount\":2000.99,"
                        + "\"currency\":\"EUR\"},\"provider\":\"psp\",\"reference\":\"r\"}", "amount.amount"),
                Arguments.of("POST", "/orders/{id}/payments", "{\"kind\":\"CAPTURE\",\"amount\":{\"amount\":\"100\","
                        + "\"currency\":\"EUR\"},\"provider\":\"psp\",\"reference\":\"r\"}", "amount.amount"),
                Arguments.of("POST", "/orders/{id}/payments", "{\"kind\":\"CAPTURE\",\"amount\":{\"amount\":"
                        + "99999999999999999999,\"currency\":\"EUR\"},\"provider\":\"psp\",\"reference\":\"r\"}", "amount.amount"),
                Arguments.of("POST", "/orders/{id}/refunds", "{\"amount\":{\"amount\":0.5,\"currency\":\"EUR\"}}", "amount.amount"),
                Arguments.of("POST", "/orders/{id}/fulfillments", "{\"lines\":[],\"carrier\":\"DHL\",\"trackingNumber\":12345}",
                        "trackingNumber"),
                Arguments.of("POST", "/products/{sku}/stock-adjustments", "{\"delta\":1.5,\"reason\":\"RESTOCK\"}", "delta"),
                Arguments.of("POST", "/products/{sku}/stock-adjustments", "{\"delta\":\"5\",\"reason\":\"RESTOCK\"}", "delta"),
                Arguments.of("POST", "/products/{sku}/stock-adjustments", "{\"delta\":99999999999,\"reason\":\"RESTOCK\"}", "delta"));
    }

    @BeforeEach
    void anUnpaidOrder() {
        sku = newSku("SHAPE");
        customer = newCustomer();
        createProduct(sku, 1000, "EUR", 10);
        orderId = placeOk(orderBody(customer, sku, 2)).getString("id");
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("wholeBodies")
    void aBodyThatIsNotAnObjectIs400NamingTheBody(String method, String path, String body) {
        send(method, path, body)
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", is(400))
                .body("errors[0].field", is("body"))
                .body("errors[0].message", startsWith("must be"));
        assertNothingWritten();
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("fields")
    void aFieldOfTheWrongShapeIs400NamingIt(String method, String path, String body, String field) {
        send(method, path, body)
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", is(400))
                .body("errors.field", hasItem(field));
        assertNothingWritten();
    }

    private io.restassured.response.ValidatableResponse send(String method, String path, String body) {
        String resolved = path.replace("{id}", orderId).replace("{sku}", sku);
        return given().contentType(ContentType.JSON).body(body).request(method, resolved).then();
    }

    /** The order is as placed (version, events) and the product as after placement. */
    private void assertNothingWritten() {
        var order = order(orderId);
        assertEquals(0, order.getInt("version"));
        assertEquals("PENDING_PAYMENT", order.getString("status"));
        assertEquals(List.of(10, 2, 8), stockOf(sku));
        assertEquals("Product " + sku, product(sku).getString("name"));
        StockLedger ledger = new StockLedger(db);
        ledger.assertConsistent(sku);
        assertEquals(1, ledger.count("SELECT count(*) FROM order_events WHERE customer_id = ?", customer));
        given().queryParam("customerId", customer).get("/orders").then().statusCode(200).body("items", hasSize(1));
    }
}
