package dev.orderstream.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProductResourceTest {

    @Test
    void creatingThenUpdatingAProduct() {
        String sku = newSku("CAT");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Mug", "price", Map.of("amount", 1200, "currency", "EUR")))
                .put("/products/{sku}", sku)
                .then().statusCode(201)
                .header("Location", endsWith("/products/" + sku))
                .body("sku", is(sku))
                .body("name", is("Mug"))
                .body("price.amount", is(1200))
                .body("price.currency", is("EUR"))
                .body("onHand", is(0))
                .body("reserved", is(0))
                .body("available", is(0))
                .body("version", is(0));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Big mug", "price", Map.of("amount", 1500, "currency", "EUR")))
                .put("/products/{sku}", sku)
                .then().statusCode(200)
                .body("name", is("Big mug"))
                .body("price.amount", is(1500))
                .body("version", is(1));
        given().get("/products/{sku}", sku).then().statusCode(200).body("name", is("Big mug"));
    }

    @Test
    void aProductNeedsANameAndAValidPrice() {
        String sku = newSku("CAT");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "", "price", Map.of("amount", -1, "currency", "eur")))
                .put("/products/{sku}", sku)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("name", "price.amount", "price.currency"));
        given().get("/products/{sku}", sku).then().statusCode(404);
    }

    @Test
    void aSkuWithSpacesOrSlashesIsRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Odd", "price", Map.of("amount", 1, "currency", "EUR")))
                .put("/products/{sku}", "has space")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void stockAdjustmentsMoveOnHandButNeverBelowWhatIsHeld() {
        String sku = newSku("ADJ");
        createProduct(sku, 100, "EUR", 10);
        placeOk(orderBody(newCustomer(), sku, 4));
        adjust(sku, -3, "SHRINKAGE").statusCode(200)
                .body("onHand", is(7)).body("reserved", is(4)).body("available", is(3));
        adjust(sku, -4, "SHRINKAGE").statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/stock-below-reserved"))
                .body("detail", containsString("4 are held"));
        adjust(sku, 5, "RESTOCK").statusCode(200).body("onHand", is(12));
        adjust(sku, -8, "CORRECTION").statusCode(200).body("onHand", is(4)).body("available", is(0));
        assertEquals(List.of(4, 4, 0), stockOf(sku));
    }

    @Test
    void badAdjustmentsAreRefused() {
        String sku = newSku("ADJ");
        createProduct(sku, 100, "EUR", 2);
        adjust(sku, 0, "RESTOCK").statusCode(400).body("errors[0].field", is("delta"));
        adjust(sku, 5, "GIFT").statusCode(400).body("errors[0].field", is("reason"));
        adjust(sku, -3, "SHRINKAGE").statusCode(409);
        assertEquals(List.of(2, 0, 2), stockOf(sku));
    }

    @Test
    void aRetriedAdjustmentWithTheSameKeyCountsOnce() {
        String sku = newSku("ADJ");
        createProduct(sku, 100, "EUR", 0);
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", "restock-" + sku)
                    .body(Map.of("delta", 10, "reason", "RESTOCK"))
                    .post("/products/{sku}/stock-adjustments", sku)
                    .then().statusCode(200).body("onHand", is(10));
        }
        assertEquals(List.of(10, 0, 10), stockOf(sku));
    }

    @Test
    void productsArePagedInSkuOrder() {
        String prefix = "PAGE" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            createProduct(prefix + "-" + i, 100, "EUR", 0);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/products").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.sku"));
            assertTrue(page.getList("items").size() <= 2);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        List<String> mine = seen.stream().filter(s -> s.startsWith(prefix)).toList();
        assertEquals(List.of(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4"), mine);
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen, "SKU order, no duplicates across pages");
    }
}
