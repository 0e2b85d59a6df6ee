package dev.orderstream.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The public API as tests drive it: every helper is one HTTP call, asserting only that it succeeded. */
public final class Api {

    private Api() {
    }

    /** A SKU no other test uses, so tests never see each other's stock. */
    public static String newSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String newCustomer() {
        return "cust-" + UUID.randomUUID();
    }

    public static void createProduct(String sku, long price, String currency, int onHand) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Product " + sku, "price", Map.of("amount", price, "currency", currency)))
                .put("/products/{sku}", sku)
                .then().statusCode(201);
        if (onHand != 0) {
            adjust(sku, onHand, "RESTOCK").statusCode(200);
        }
    }

    public static ValidatableResponse adjust(String sku, int delta, String reason) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("delta", delta, "reason", reason))
                .post("/products/{sku}/stock-adjustments", sku)
                .then();
    }

    public static JsonPath product(String sku) {
        return given().get("/products/{sku}", sku).then().statusCode(200).extract().jsonPath();
    }

    /** onHand, reserved and available of one SKU, in that order. */
    public static List<Integer> stockOf(String sku) {
        JsonPath product = product(sku);
        return List.of(product.getInt("onHand"), product.getInt("reserved"), product.getInt("available"));
    }

    /** A placement body; {@code skuAndQuantity} alternates SKU and quantity. */
    public static Map<String, Object> orderBody(String customerId, Object... skuAndQuantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("email", "someone@example.com");
        body.put("channel", "web");
        body.put("shippingAddress", address());
        body.put("lines", lines(skuAndQuantity));
        return body;
    }

    public static Map<String, Object> address() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", "Ada Lovelace");
        address.put("line1", "1 Analytical Way");
        address.put("city", "London");
        address.put("postalCode", "N1 9GU");
        address.put("country", "GB");
        return address;
    }

    public static List<Map<String, Object>> lines(Object... skuAndQuantity) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.add(Map.of("sku", skuAndQuantity[i], "quantity", skuAndQuantity[i + 1]));
        }
        return lines;
    }

    public static ValidatableResponse place(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/orders").then();
    }

    public static ValidatableResponse place(Map<String, Object> body, String idempotencyKey) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body)
                .post("/orders").then();
    }

    /** Places an order that must succeed, and returns it. */
    public static JsonPath placeOk(Map<String, Object> body) {
        return place(body).statusCode(201).extract().jsonPath();
    }

    /** Places an order of {@code quantity} units of {@code sku} for a new customer, authorizes and captures its total; its id. */
    public static String paidOrder(String sku, int quantity) {
        JsonPath placed = placeOk(orderBody(newCustomer(), sku, quantity));
        String id = placed.getString("id");
        long total = placed.getLong("total.amount");
        pay(id, "AUTHORIZATION", total, "auth-" + id).statusCode(200);
        pay(id, "CAPTURE", total, "cap-" + id).statusCode(200);
        return id;
    }

    public static JsonPath order(String id) {
        return given().get("/orders/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    public static ValidatableResponse pay(String id, String kind, long amount, String reference) {
        return post("/orders/{id}/payments", id, Map.of("kind", kind,
                "amount", Map.of("amount", amount, "currency", "EUR"), "provider", "psp", "reference", reference));
    }

    public static ValidatableResponse fulfill(String id, String trackingNumber, Object... skuAndQuantity) {
        return post("/orders/{id}/fulfillments", id, Map.of("lines", lines(skuAndQuantity), "carrier", "DHL",
                "trackingNumber", trackingNumber, "trackingUrl", "https://track.example/" + trackingNumber));
    }

    public static ValidatableResponse deliver(String id, String fulfillmentId) {
        return given().post("/orders/{id}/fulfillments/{fid}/delivery", id, fulfillmentId).then();
    }

    /** A carrier scan of a shipment; {@code eta} may be null. */
    public static ValidatableResponse scan(String id, String fulfillmentId, String status, String happenedAt, String eta,
                                           String externalEventId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("happenedAt", happenedAt);
        body.put("location", Map.of("city", "Leipzig", "region", "SN", "country", "DE"));
        body.put("message", "scan " + status);
        if (eta != null) {
            body.put("estimatedDeliveryAt", eta);
        }
        body.put("source", "carrier-x");
        body.put("externalEventId", externalEventId);
        return given().contentType(ContentType.JSON).body(body)
                .post("/orders/{id}/fulfillments/{fid}/tracking-events", id, fulfillmentId).then();
    }

    public static ValidatableResponse cancel(String id, String reason) {
        return post("/orders/{id}/cancellation", id, Map.of("reason", reason, "note", "test"));
    }

    public static ValidatableResponse requestReturn(String id, Object... skuAndQuantity) {
        return post("/orders/{id}/returns", id, Map.of("lines", lines(skuAndQuantity), "reason", "does not fit"));
    }

    public static ValidatableResponse receiveReturn(String id, String returnId, boolean restock) {
        return post("/orders/{id}/returns/" + returnId + "/receipt", id, Map.of("restock", restock));
    }

    public static ValidatableResponse refund(String id, long amount, String returnId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Map.of("amount", amount, "currency", "EUR"));
        body.put("reason", "test refund");
        if (returnId != null) {
            body.put("returnId", returnId);
        }
        return post("/orders/{id}/refunds", id, body);
    }

    public static ValidatableResponse post(String path, String id, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path, id).then();
    }
}
