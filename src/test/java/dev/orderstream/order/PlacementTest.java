package dev.orderstream.order;

import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.StockLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PlacementTest {

    private final DataSource db = TestDatabase.dataSource();

    StockLedger ledger;
    String apple;
    String pear;

    @BeforeEach
    void stock() {
        ledger = new StockLedger(db);
        apple = newSku("APPLE");
        pear = newSku("PEAR");
        createProduct(apple, 1999, "EUR", 10);
        createProduct(pear, 500, "EUR", 5);
    }

    @Test
    void placingAnOrderHoldsStockAndPricesFromTheCatalog() {
        Instant before = Instant.now();
        var response = place(orderBody(newCustomer(), pear, 2, apple, 1))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/orders/[0-9a-f-]{36}"))
                .header("ETag", "\"0\"")
                .body("status", is("PENDING_PAYMENT"))
                .body("paymentStatus", is("PENDING"))
                .body("lines.sku", contains(apple, pear))
                .body("lines[0].unitPrice.amount", is(1999))
                .body("lines[1].unitPrice.amount", is(500))
                .body("lines[0].shippedQuantity", is(0))
                .body("total.amount", is(2999))
                .body("total.currency", is("EUR"))
                .body("trackingToken", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("version", is(0))
                .extract();
        Instant reservedUntil = Instant.parse(response.path("reservedUntil"));
        assertTrue(reservedUntil.isAfter(before.plus(Duration.ofMinutes(14))), "held for the configured 15 minutes");

        assertEquals(List.of(10, 1, 9), stockOf(apple));
        assertEquals(List.of(5, 2, 3), stockOf(pear));
        ledger.assertConsistent(apple, pear);

        String id = response.path("id");
        given().get(URI.create((String) response.header("Location")).getPath()).then().statusCode(200).body("id", is(id));
        given().get("/orders/{id}/history", id).then()
                .statusCode(200)
                .body("type", contains("order.placed"))
                .body("[0].sequence", is(1))
                .body("[0].status", is("PENDING_PAYMENT"))
                .body("[0].data.total.amount", is(2999));
    }

    @Test
    void aShortLineRefusesTheWholeOrderWithTheShortages() {
        String customer = newCustomer();
        place(orderBody(customer, apple, 3, pear, 6))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/insufficient-stock"))
                .body("shortages", hasSize(1))
                .body("shortages[0].sku", is(pear))
                .body("shortages[0].requested", is(6))
                .body("shortages[0].available", is(5));

        assertEquals(List.of(10, 0, 10), stockOf(apple), "the line that fitted is not held either");
        assertEquals(List.of(5, 0, 5), stockOf(pear));
        given().queryParam("customerId", customer).get("/orders").then().body("items", empty());
    }

    @Test
    void everyShortLineIsNamed() {
        place(orderBody(newCustomer(), apple, 11, pear, 6))
                .statusCode(409)
                .body("shortages.sku", containsInAnyOrder(apple, pear));
    }

    @Test
    void anUnknownSkuIsRefusedAndNothingIsHeld() {
        String ghost = newSku("GHOST");
        place(orderBody(newCustomer(), apple, 1, ghost, 1))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/unknown-sku"))
                .body("detail", containsString(ghost));
        assertEquals(List.of(10, 0, 10), stockOf(apple));
    }

    @Test
    void linesInAnotherCurrencyAreRefused() {
        String dollars = newSku("USD");
        createProduct(dollars, 100, "USD", 10);
        place(orderBody(newCustomer(), apple, 1, dollars, 1))
                .statusCode(422)
                .body("type", endsWith("/currency-mismatch"));
        assertEquals(List.of(10, 0, 10), stockOf(apple));
        assertEquals(List.of(10, 0, 10), stockOf(dollars));
    }

    @Test
    void theSameSkuTwiceIsRefused() {
        place(orderBody(newCustomer(), apple, 1, apple, 2))
                .statusCode(422)
                .body("type", endsWith("/duplicate-sku"));
        assertEquals(List.of(10, 0, 10), stockOf(apple));
    }

    @Test
    void aReplayWithTheSameKeyAndBodyReturnsTheFirstResponseAndHoldsNothingMore() {
        String key = "place-" + newCustomer();
        Map<String, Object> body = orderBody(newCustomer(), apple, 2);
        var first = place(body, key).statusCode(201).extract();
        var second = place(body, key).statusCode(201).extract();

        assertEquals(first.body().asString(), second.body().asString(), "same body");
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(first.header("ETag"), second.header("ETag"));
        assertEquals(List.of(10, 2, 8), stockOf(apple), "held once");
    }

    @Test
    void aReusedKeyWithAnotherBodyIs422() {
        String key = "place-" + newCustomer();
        place(orderBody(newCustomer(), apple, 1), key).statusCode(201);
        place(orderBody(newCustomer(), apple, 2), key)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));
        assertEquals(List.of(10, 1, 9), stockOf(apple));
    }

    @Test
    void twoConcurrentRequestsWithOneKeyCreateOneOrder() throws Exception {
        String customer = newCustomer();
        String key = "race-" + customer;
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(orderBody(customer, apple, 1));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/orders"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("Authorization", dev.orderstream.support.Tokens.bearer(dev.orderstream.support.Tokens.customer(customer)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 8)
                .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> responses = racing.stream().map(CompletableFuture::join).toList();

        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 201), "every caller gets the order");
        assertEquals(1, responses.stream().map(HttpResponse::body).distinct().count(), "the same order");
        given().queryParam("customerId", customer).get("/orders").then().body("items", hasSize(1));
        assertEquals(List.of(10, 1, 9), stockOf(apple));
    }

    @Test
    void theOrderCanBeReadBackExactlyAsPlaced() {
        JsonPath placed = placeOk(orderBody(newCustomer(), apple, 1));
        JsonPath read = order(placed.getString("id"));
        assertEquals(placed.getMap(""), read.getMap(""));
    }

    static String baseUrl() {
        return "http://localhost:" + io.restassured.RestAssured.port;
    }

    @Test
    void aSoldOutSkuIsRefusedStraightAwayAndSellsAgainTheMomentAUnitComesBack() {
        String last = newSku("LAST");
        createProduct(last, 500, "EUR", 1);
        String first = placeOk(orderBody(newCustomer(), last, 1)).getString("id");
        // the first refusal asks the database; the next ones are answered from the sold-out hint
        for (int i = 0; i < 3; i++) {
            place(orderBody(newCustomer(), last, 1)).statusCode(409)
                    .body("shortages[0].sku", is(last))
                    .body("shortages[0].requested", is(1))
                    .body("shortages[0].available", is(0));
        }
        cancel(first, "CUSTOMER").statusCode(200);
        String second = placeOk(orderBody(newCustomer(), last, 1)).getString("id");
        place(orderBody(newCustomer(), last, 1)).statusCode(409);
        adjust(last, 2, "RESTOCK").statusCode(200);
        placeOk(orderBody(newCustomer(), last, 2));
        assertEquals(List.of(3, 3, 0), stockOf(last));
        assertEquals("PENDING_PAYMENT", order(second).getString("status"));
    }
}
