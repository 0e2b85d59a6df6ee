package dev.orderstream.order;

import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Input meant to hurt: oversized bodies, too many lines, overlong strings, unknown fields,
 * SQL-looking and control characters, and floods. Each is refused (or stored verbatim) with nothing
 * half-written.
 */
@QuarkusTest
class HostileInputTest {

    private static int ordersOf(String customerId) {
        return given().queryParam("customerId", customerId).queryParam("limit", 200).get("/orders")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
    }

    @Test
    void aBodyOverTheSizeLimitIs413AndWritesNothing() {
        String sku = newSku("BIG");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("padding", "x".repeat(70 * 1024)); // over the 64 KiB default
        given().contentType(ContentType.JSON).body(body).post("/orders").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", is(413));
        assertEquals(0, ordersOf(customer));
        assertEquals(List.of(10, 0, 10), stockOf(sku));

        String bigProduct = newSku("BIGP");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "n".repeat(70 * 1024), "price", Map.of("amount", 1, "currency", "EUR")))
                .put("/products/{sku}", bigProduct).then().statusCode(413);
        given().get("/products/{sku}", bigProduct).then().statusCode(404);
    }

    @Test
    void anOverlongRequestTargetIs414WithAProblemBody() {
        given().queryParam("x", "a".repeat(3900)).get("/products").then().statusCode(200); // under 4 KiB
        given().queryParam("x", "a".repeat(5000)).get("/products").then()
                .statusCode(414)
                .contentType("application/problem+json")
                .body("type", endsWith("/uri-too-long"))
                .body("status", is(414))
                .body("detail", containsString("4096 bytes"))
                .body("instance", nullValue()); // a path too long to echo back
        // far over the limit (a 100 KiB target) still gets the body
        given().queryParam("x", "a".repeat(100 * 1024)).get("/products").then()
                .statusCode(414).contentType("application/problem+json");
    }

    @Test
    void overlargeHeadersAre431WithAProblemBodyAndWriteNothing() {
        String sku = newSku("HDR");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        given().header("X-Padding", "p".repeat(15 * 1024)).get("/products").then().statusCode(200); // under 20 KiB
        given().header("X-Padding", "p".repeat(25 * 1024))
                .contentType(ContentType.JSON).body(orderBody(customer, sku, 1)).post("/orders").then()
                .statusCode(431)
                .contentType("application/problem+json")
                .body("type", endsWith("/header-fields-too-large"))
                .body("status", is(431))
                .body("detail", containsString("20480 bytes"));
        assertEquals(0, ordersOf(customer));
        assertEquals(List.of(10, 0, 10), stockOf(sku));
    }

    @Test
    void moreLinesThanAllowedIs422AndWritesNothing() {
        List<String> skus = new ArrayList<>();
        Object[] skuAndQuantity = new Object[2 * 101];
        for (int i = 0; i < 101; i++) {
            String sku = newSku("L" + i);
            skus.add(sku);
            skuAndQuantity[2 * i] = sku;
            skuAndQuantity[2 * i + 1] = 1;
        }
        for (String sku : skus.subList(0, 3)) {
            createProduct(sku, 100, "EUR", 5);
        }
        String customer = newCustomer();
        place(orderBody(customer, skuAndQuantity)).statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/too-many-lines"));
        assertEquals(0, ordersOf(customer));
        for (String sku : skus.subList(0, 3)) {
            assertEquals(List.of(5, 0, 5), stockOf(sku));
        }
    }

    @Test
    void overlongStringsAre400AndWriteNothing() {
        String sku = newSku("LONG");
        createProduct(sku, 1000, "EUR", 10);
        String longCustomer = "c".repeat(101);
        place(orderBody(longCustomer, sku, 1)).statusCode(400)
                .body("errors.field", hasItem("customerId"));

        String customer = newCustomer();
        Map<String, Object> body = orderBody(customer, sku, 1);
        Map<String, Object> address = new LinkedHashMap<>(address());
        address.put("line1", "l".repeat(201));
        body.put("shippingAddress", address);
        place(body).statusCode(400).body("errors.field", hasItem("shippingAddress.line1"));

        given().contentType(ContentType.JSON).body(Map.of("name", "n".repeat(201), "price",
                Map.of("amount", 1, "currency", "EUR"))).put("/products/{sku}", newSku("LONGP")).then().statusCode(400);

        assertEquals(0, ordersOf(customer));
        assertEquals(0, ordersOf(longCustomer));
        assertEquals(List.of(10, 0, 10), stockOf(sku));
    }

    @Test
    void unknownFieldsAreIgnored() {
        String sku = newSku("EXTRA");
        createProduct(sku, 1000, "EUR", 10);
        Map<String, Object> body = orderBody(newCustomer(), sku, 1);
        body.put("isAdmin", true);
        body.put("giftWrap", true);
        body.put("total", Map.of("amount", 1, "currency", "EUR"));
        place(body).statusCode(201)
                .body("$", not(hasKey("isAdmin")))
                .body("$", not(hasKey("giftWrap")))
                .body("total.amount", is(1000));
    }

    @Test
    void sqlLookingAndControlCharacterInputIsStoredAndReturnedVerbatim() {
        String sku = newSku("SQL");
        createProduct(sku, 1000, "EUR", 10);
        String customer = "x' OR '1'='1; DROP TABLE orders;--";
        String name = "Robert'); DROP TABLE orders;--";
        String line1 = "1 Main St\u0007\t\u001b[31m\r\n\u2028?";
        Map<String, Object> body = orderBody(customer, sku, 1);
        Map<String, Object> address = new LinkedHashMap<>(address());
        address.put("name", name);
        address.put("line1", line1);
        address.put("line2", "web\"; SELECT pg_sleep(10);--");
        body.put("shippingAddress", address);

        String id = placeOk(body).getString("id");
        var order = order(id);
        assertEquals(customer, order.getString("customerId"));
        assertEquals(name, order.getString("shippingAddress.name"));
        assertEquals(line1, order.getString("shippingAddress.line1"));
        assertEquals("web\"; SELECT pg_sleep(10);--", order.getString("shippingAddress.line2"));
        assertEquals(1, ordersOf(customer), "the orders table is still there and filters by the literal id");
    }

    @Test
    void theNulCharacterWhichPostgreSqlCannotStoreIs400WhereverItComes() {
        String sku = newSku("NUL");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        Map<String, Object> body = orderBody(customer, sku, 1);
        Map<String, Object> address = new LinkedHashMap<>(address());
        address.put("line1", "1 Main St\u0000");
        body.put("shippingAddress", address);
        place(body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("shippingAddress.line1"));
        assertEquals(0, ordersOf(customer));
        assertEquals(List.of(10, 0, 10), stockOf(sku));

        given().queryParam("customerId", "a\u0000b").get("/orders").then().statusCode(400)
                .contentType("application/problem+json");
        given().header(dev.orderstream.support.DefaultToken.ANONYMOUS, "yes").get("/track/{token}", "a\u0000b")
                .then().statusCode(400);
    }

    @Test
    void aCustomerPlacingTooFastGets429WithRetryAfterAndNothingMore() {
        String sku = newSku("FLOOD");
        createProduct(sku, 100, "EUR", 1000);
        String customer = newCustomer();
        String token = Tokens.customer(customer);
        // the test profile allows a burst of 20 placements a minute per customer
        for (int i = 0; i < 20; i++) {
            given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                    .body(orderBody(customer, sku, 1)).post("/orders").then().statusCode(201);
        }
        given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                .body(orderBody(customer, sku, 1)).post("/orders").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        assertEquals(20, ordersOf(customer));
        assertEquals(20, stockOf(sku).get(1), "the refused placement held nothing");
        // staff are not limited
        placeOk(orderBody(customer, sku, 1));
    }
}
