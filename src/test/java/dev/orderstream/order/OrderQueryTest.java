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

    @Test
    void listingFiltersByCustomerStatusChannelAndTime() {
        String sku = newSku("Q");
        createProduct(sku, 100, "EUR", 100);
        String customer = newCustomer();
        String first = placeOk(orderBody(customer, sku, 1)).getString("id");
        String second = placeOk(orderBody(customer, sku, 2)).getString("id");
        var mobile = orderBody(customer, sku, 3);
        mobile.put("channel", "ios");
        String third = placeOk(mobile).getString("id");
        pay(second, "AUTHORIZATION", 200, "a").statusCode(200);
        placeOk(orderBody(newCustomer(), sku, 1));

        given().queryParam("customerId", customer).get("/orders").then().statusCode(200)
                .body("items.id", contains(third, second, first))
                .body("items[0].lines[0].quantity", is(3))
                .body("nextCursor", nullValue());
        given().queryParam("customerId", customer).queryParam("status", "CONFIRMED").get("/orders").then()
                .body("items.id", contains(second));
        given().queryParam("customerId", customer).queryParam("channel", "ios").get("/orders").then()
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
