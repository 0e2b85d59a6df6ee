package dev.orderstream.order;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OrderQueryTest {

    /**
     * Reads are one query straight to the response; changes answer with the aggregate they saved.
     * The two must never differ: after every step of a whole life (payments, a partial and a second
     * fulfillment, a delivery, a return received and refunded), the order read back is exactly the
     * change's answer, field for field, and its list entry agrees with it.
     */
    @Test
    void readingAnOrderGivesExactlyWhatItsLastChangeAnswered() {
        String a = newSku("READ-A");
        String b = newSku("READ-B");
        createProduct(a, 1250, "EUR", 10);
        createProduct(b, 999, "EUR", 10);
        String customer = newCustomer();
        JsonPath placed = placeOk(orderBody(customer, b, 2, a, 3));
        String id = placed.getString("id");
        assertReadEquals(id, placed.prettify());
        long total = placed.getLong("total.amount");

        assertReadEquals(id, pay(id, "AUTHORIZATION", total, "auth-1").statusCode(200).extract().asString());
        assertReadEquals(id, pay(id, "CAPTURE", total, "cap-1").statusCode(200).extract().asString());
        JsonPath first = fulfill(id, "T-1", a, 2).statusCode(200).extract().jsonPath();
        assertReadEquals(id, first.prettify());
        JsonPath second = fulfill(id, "T-2", a, 1, b, 2).statusCode(200).extract().jsonPath();
        assertReadEquals(id, second.prettify());
        String fulfillment = second.getString("fulfillments[0].id");
        assertReadEquals(id, deliver(id, fulfillment).statusCode(200).extract().asString());
        assertReadEquals(id, deliver(id, second.getString("fulfillments[1].id")).statusCode(200).extract().asString());
        JsonPath returned = requestReturn(id, b, 1).statusCode(200).extract().jsonPath();
        String returnId = returned.getString("returns[0].id");
        assertReadEquals(id, returned.prettify());
        assertReadEquals(id, receiveReturn(id, returnId, true).statusCode(200).extract().asString());
        JsonPath refunded = refund(id, 999, returnId).statusCode(200).extract().jsonPath();
        assertReadEquals(id, refunded.prettify());

        String cancelled = placeOk(orderBody(newCustomer(), a, 1)).getString("id");
        assertReadEquals(cancelled, cancel(cancelled, "CUSTOMER").statusCode(200).extract().asString());

        JsonPath list = given().queryParam("customerId", customer).get("/orders").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, list.getList("items").size());
        for (String field : List.of("id", "number", "customerId", "email", "channel", "status", "paymentStatus",
                "lines", "total", "reservedUntil", "version", "createdAt", "updatedAt")) {
            assertEquals(refunded.<Object>get(field), list.<Object>get("items[0]." + field), "list entry: " + field);
        }
    }

    private static void assertReadEquals(String id, String changeAnswer) {
        Object expected = new JsonPath(changeAnswer).get("$");
        Object read = given().get("/orders/{id}", id).then().statusCode(200).extract().jsonPath().get("$");
        assertEquals(expected, read, "GET /orders/" + id + " after " + changeAnswer);
    }

    @Test
    void listingFiltersByCustomerStatusChannelAndTime() {
        String sku = newSku("Q");
        createProduct(sku, 100, "EUR", 100);
        String customer = newCustomer();
        String first = placeOk(orderBody(customer, sku, 1)).getString("id");
        String second = placeOk(orderBody(customer, sku, 2)).getString("id");
        var mobile = orderBody(customer, sku, 3);
        mobile.put("channel", "app");
        String third = placeOk(mobile).getString("id");
        pay(second, "AUTHORIZATION", 200, "a").statusCode(200);
        placeOk(orderBody(newCustomer(), sku, 1));

        given().queryParam("customerId", customer).get("/orders").then().statusCode(200)
                .body("items.id", contains(third, second, first))
                .body("items[0].lines[0].quantity", is(3))
                .body("nextCursor", nullValue());
        given().queryParam("customerId", customer).queryParam("status", "CONFIRMED").get("/orders").then()
                .body("items.id", contains(second));
        given().queryParam("customerId", customer).queryParam("channel", "app").get("/orders").then()
                .body("items.id", contains(third));
        Instant secondCreated = Instant.parse(order(second).getString("createdAt"));
        given().queryParam("customerId", customer).queryParam("createdFrom", secondCreated.toString()).get("/orders").then()
                .body("items.id", contains(third, second));
        given().queryParam("customerId", customer).queryParam("createdTo", secondCreated.toString()).get("/orders").then()
                .body("items.id", contains(first));
    }

    @Test
    void pagesStayStableWhileNewOrdersArrive() {
        String sku = newSku("PAGE");
        createProduct(sku, 100, "EUR", 100);
        String customer = newCustomer();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(0, placeOk(orderBody(customer, sku, 1)).getString("id"));
        }

        List<String> seen = new ArrayList<>();
        JsonPath page = given().queryParam("customerId", customer).queryParam("limit", 2).get("/orders")
                .then().statusCode(200).extract().jsonPath();
        seen.addAll(page.getList("items.id"));
        String cursor = page.getString("nextCursor");
        while (cursor != null) {
            // new orders arrive between page requests: they must not shift or repeat what follows
            placeOk(orderBody(customer, sku, 1));
            page = given().queryParam("customerId", customer).queryParam("limit", 2).queryParam("cursor", cursor)
                    .get("/orders").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        }
        assertEquals(placed, seen, "every order that existed at the start, once, newest first");
    }

    @Test
    void historyOfAnUnknownOrderIsNotFound() {
        given().get("/orders/{id}/history", java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
