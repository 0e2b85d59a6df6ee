package dev.orderstream.bulk;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.orderstream.bulk.BulkJobs.*;
import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** Importing orders from other sales channels: POST /orders/imports, a JSON Lines file, worked as a bulk job. */
@QuarkusTest
class OrderImportTest {

    private static Map<String, Object> line(String externalOrderId, String sku, int quantity) {
        Map<String, Object> line = new LinkedHashMap<>(orderBody(newCustomer(), sku, quantity));
        line.put("channel", "marketplace");
        line.put("externalOrderId", externalOrderId);
        return line;
    }

    private static String file(List<Map<String, Object>> lines) {
        StringBuilder file = new StringBuilder();
        lines.forEach(line -> file.append(new JsonObject(line).encode()).append('\n'));
        return file.toString();
    }

    /** Queues an import (202, Location) and answers the job's id. */
    static String importFile(String file, String stockPolicy) {
        return given().contentType("application/jsonl").queryParam("stockPolicy", stockPolicy).body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/orders/imports").then()
                .statusCode(202)
                .header("Location", matchesPattern(".*/bulk-jobs/[0-9a-f-]{36}"))
                .body("operation", is("import"))
                .extract().jsonPath().getString("id");
    }

    private static JsonPath imported(String externalOrderId) {
        JsonPath page = given().queryParam("channel", "marketplace").queryParam("externalOrderId", externalOrderId)
                .get("/orders").then().statusCode(200).extract().jsonPath();
        assertEquals(1, page.getList("items").size(), "one order has " + externalOrderId);
        return order(page.getString("items[0].id"));
    }

    @Test
    void aFileOfPendingConfirmedAndFulfilledOrdersIsImportedOnceWhateverTimesItComes() {
        String sku = newSku("IMP");
        createProduct(sku, 1500, "EUR", 10);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> pending = line("P-" + run, sku, 1);
        Map<String, Object> confirmed = line("C-" + run, sku, 2);
        confirmed.put("status", "CONFIRMED");
        confirmed.put("placedAt", "2026-10-01T09:30:00Z");
        confirmed.put("payment", Map.of("provider", "amazon-pay", "reference", "AMZ-" + run));
        Map<String, Object> fulfilled = line("F-" + run, sku, 3);
        fulfilled.put("lines", List.of(Map.of("sku", sku, "quantity", 3, "unitPrice", 1200)));
        fulfilled.put("status", "FULFILLED");
        fulfilled.put("payment", Map.of("provider", "amazon-pay"));
        fulfilled.put("shipments", List.of(
                Map.of("carrier", "DHL", "trackingNumber", "D-" + run, "lines", List.of(Map.of("sku", sku, "quantity", 1))),
                Map.of("carrier", "UPS", "trackingNumber", "U-" + run)));
        String file = file(List.of(pending, confirmed, fulfilled));

        JsonPath job = finished(importFile(file, "hold"));
        assertEquals("succeeded", job.getString("state"));
        assertEquals(3, job.getInt("succeeded"));

        JsonPath p = imported("P-" + run);
        assertEquals("PENDING_PAYMENT", p.getString("status"));
        assertEquals("marketplace", p.getString("channel"));
        assertEquals("P-" + run, p.getString("externalOrderId"));
        JsonPath c = imported("C-" + run);
        assertEquals("CONFIRMED", c.getString("status"));
        assertEquals("PAID", c.getString("paymentStatus"));
        assertEquals("2026-10-01T09:30:00Z", c.getString("createdAt"));
        assertEquals(3000, c.getInt("paid.captured.amount"));
        assertEquals("AMZ-" + run, c.getString("payments[0].reference"));
        JsonPath f = imported("F-" + run);
        assertEquals("FULFILLED", f.getString("status"));
        assertEquals(3600, f.getInt("total.amount"), "the channel's unit price");
        assertEquals(2, f.getList("fulfillments").size());
        // made in one transaction at one instant: both there, in no particular order
        assertThat(f.getList("fulfillments.carrier"), containsInAnyOrder("DHL", "UPS"));
        // hold: 1 + 2 held for the open orders, 3 shipped off the shelf
        assertEquals(List.of(7, 3, 4), stockOf(sku));
        // every event of the import says so (and sends no email)
        List<Boolean> flags = given().get("/orders/{id}/history", f.getString("id")).then().statusCode(200)
                .extract().jsonPath().getList("data.imported");
        assertFalse(flags.isEmpty());
        assertTrue(flags.stream().allMatch(Boolean.TRUE::equals), "imported: " + flags);

        // the same file again: nothing new, each line pointing at its order
        JsonPath again = finished(importFile(file, "hold"));
        assertEquals("succeeded", again.getString("state"));
        List<Map<String, Object>> results = results(again.getString("id"), null);
        assertEquals(3, results.size());
        assertEquals(List.of(p.getString("id"), c.getString("id"), f.getString("id")),
                results.stream().map(result -> result.get("orderId")).toList());
        assertTrue(results.stream().allMatch(result -> ((String) result.get("note")).startsWith("imported before")));
        imported("P-" + run);
        assertEquals(List.of(7, 3, 4), stockOf(sku), "nothing held twice");

        // imported orders are orders: staff tag one and find it by the tag
        String tag = "imp-" + run;
        given().contentType("application/json").body(Map.of("tags", List.of(tag.toUpperCase())))
                .post("/orders/{id}/tags", c.getString("id")).then().statusCode(200)
                .body("tags", is(List.of(tag)));
        given().queryParam("tag", tag).get("/orders").then().statusCode(200)
                .body("items.id", is(List.of(c.getString("id"))))
                .body("items[0].externalOrderId", is("C-" + run));
    }

    @Test
    void theHoldPolicyRefusesAShortOrderAndImportsTheRest() {
        String sku = newSku("IMP-SHORT");
        createProduct(sku, 1000, "EUR", 3);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = file(List.of(line("A-" + run, sku, 2), line("B-" + run, sku, 2), line("C-" + run, sku, 1)));

        String id = importFile(file, "hold");
        JsonPath job = finished(id);
        assertEquals("completed_with_errors", job.getString("state"));
        assertEquals(2, job.getInt("succeeded"));
        assertEquals(1, job.getInt("failed"));
        List<Map<String, Object>> failed = results(id, "failed");
        assertEquals(1, failed.size());
        assertEquals(2, failed.get(0).get("position"), "the second line");
        assertNull(failed.get(0).get("orderId"));
        @SuppressWarnings("unchecked") Map<String, Object> problem = (Map<String, Object>) failed.get(0).get("problem");
        assertEquals(409, problem.get("status"));
        assertThat(problem.get("shortages").toString(), containsString(sku));
        given().queryParam("channel", "marketplace").queryParam("externalOrderId", "B-" + run).get("/orders")
                .then().statusCode(200).body("items", empty());
        assertEquals(List.of(3, 3, 0), stockOf(sku), "never oversold");
    }

    @Test
    void theDecrementPolicyTakesHistoricalOrdersOffTheShelfAndIgnoreLeavesStockAlone() {
        String sku = newSku("IMP-DEC");
        createProduct(sku, 1000, "EUR", 10);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> shipped = line("D-" + run, sku, 4);
        shipped.put("status", "FULFILLED");
        shipped.put("payment", Map.of("provider", "pos"));
        shipped.put("shipments", List.of(Map.of("carrier", "DHL", "trackingNumber", "T-" + run)));
        Map<String, Object> open = line("E-" + run, sku, 1);
        open.put("status", "CONFIRMED");
        open.put("payment", Map.of("provider", "pos", "kind", "AUTHORIZATION"));
        assertEquals("succeeded", finished(importFile(file(List.of(shipped, open)), "decrement")).getString("state"));
        assertEquals(List.of(5, 0, 5), stockOf(sku), "taken off the shelf, nothing held");
        JsonPath e = imported("E-" + run);
        assertEquals("AUTHORIZED", e.getString("paymentStatus"));
        fulfill(e.getString("id"), "later-" + run, sku, 1).statusCode(200);
        assertEquals(List.of(5, 0, 5), stockOf(sku), "shipping it later takes nothing more");

        assertEquals("succeeded", finished(importFile(file(List.of(line("I-" + run, sku, 50))), "ignore"))
                .getString("state"));
        assertEquals("PENDING_PAYMENT", imported("I-" + run).getString("status"));
        assertEquals(List.of(5, 0, 5), stockOf(sku), "ignore: stock untouched, even for more than there is");
    }

    @Test
    void aDryRunPredictsAndImportsNothing() {
        String sku = newSku("IMP-DRY");
        createProduct(sku, 1000, "EUR", 1);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id = given().contentType("application/x-ndjson").queryParam("dryRun", true)
                .body(file(List.of(line("X-" + run, sku, 1), line("Y-" + run, sku, 1))).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/orders/imports").then().statusCode(202).extract().jsonPath().getString("id");
        JsonPath job = finished(id);
        assertEquals(2, job.getInt("succeeded"), "each line alone would import: " + job.prettify());
        given().queryParam("channel", "marketplace").queryParam("externalOrderId", "X-" + run).get("/orders")
                .then().statusCode(200).body("items", empty());
        assertEquals(List.of(1, 0, 1), stockOf(sku));
    }

    @Test
    void aFileWithWrongLinesIsRefusedWholeNamingEachLineAndQueuesNothing() {
        String sku = newSku("IMP-BAD");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> noId = line("x", sku, 1);
        noId.remove("externalOrderId");
        Map<String, Object> fulfilledWithoutShipments = line("F-" + run, sku, 1);
        fulfilledWithoutShipments.put("status", "FULFILLED");
        fulfilledWithoutShipments.put("payment", Map.of("provider", "pos"));
        String file = file(List.of(line("OK-" + run, sku, 1))) + "{not json\n" + file(List.of(noId, fulfilledWithoutShipments));
        given().contentType("application/jsonl").body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/orders/imports").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("line 2", "line 3: externalOrderId", "line 4"))
                .body("errors.find { it.field == 'line 4' }.message", containsString("shipments"))
                .body("detail", containsString("nothing was imported"));
        given().contentType("application/jsonl").body("\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/orders/imports").then()
                .statusCode(400).body("errors.field", hasItem("file"));
        given().contentType("application/jsonl").queryParam("stockPolicy", "maybe").body(file(List.of(line("Z", sku, 1))).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/orders/imports").then().statusCode(400).body("errors.field", hasItem("stockPolicy"));
        given().queryParam("channel", "marketplace").queryParam("externalOrderId", "OK-" + run).get("/orders")
                .then().statusCode(200).body("items", empty());
        // an import is not a job POST /bulk-jobs makes
        given().contentType("application/json").body(Map.of("operation", "import", "selector", Map.of("orderIds",
                List.of(UUID.randomUUID().toString())))).post("/bulk-jobs").then().statusCode(400)
                .body("errors.field", hasItem("operation"));
    }

    @Test
    void aTagJobTagsTheOrdersOfAFilterAndAnUntagJobTakesItOff() {
        String sku = newSku("TAGJOB");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(placeOk(orderBody(customer, sku, 1)).getString("id"));
        }
        String tag = "sale-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> tagging = new LinkedHashMap<>();
        tagging.put("operation", "tag");
        tagging.put("selector", Map.of("filter", Map.of("customerId", customer)));
        tagging.put("params", Map.of("tags", List.of(tag, "Flash")));
        assertEquals("succeeded", finished(create(tagging)).getString("state"));
        given().queryParam("tag", tag).get("/orders").then().statusCode(200)
                .body("items.id", containsInAnyOrder(ids.toArray()))
                .body("items[0].tags", is(List.of("flash", tag)));

        Map<String, Object> untagging = new LinkedHashMap<>();
        untagging.put("operation", "untag");
        untagging.put("selector", Map.of("filter", Map.of("tag", tag)));
        untagging.put("params", Map.of("tags", List.of("flash")));
        JsonPath done = finished(create(untagging));
        assertEquals(3, done.getInt("succeeded"));
        assertEquals(List.of(tag), order(ids.get(0)).getList("tags"));
        given().delete("/orders/{id}/tags/{tag}", ids.get(0), tag).then().statusCode(200).body("tags", empty());
        given().contentType("application/json").body(Map.of("tags", List.of("no spaces"))).post("/orders/{id}/tags",
                ids.get(0)).then().statusCode(400).body("errors[0].field", containsString("tags"));
        Map<String, Object> badJob = new LinkedHashMap<>(tagging);
        badJob.put("params", Map.of("tags", List.of()));
        given().contentType("application/json").body(badJob).post("/bulk-jobs").then().statusCode(400)
                .body("errors.field", hasItem("params.tags"));
    }
}
