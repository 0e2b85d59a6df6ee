package dev.orderstream.bulk;

import dev.orderstream.support.SseClient;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/** Bulk jobs through the API: each order through the single-order verb, a result per order. */
@QuarkusTest
class BulkJobTest {

    /**
     * {@code count} orders of one unit, in list order; all but the {@code unpaid} first ones
     * authorized (CONFIRMED). Eight clients at once, so a thousand take seconds, not a minute.
     */
    private static List<String> orders(String sku, int count, int unpaid) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader(); // the test's, for REST Assured's Jackson
        java.util.concurrent.ForkJoinPool clients = new java.util.concurrent.ForkJoinPool(8, pool -> {
            var thread = java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setContextClassLoader(loader);
            return thread;
        }, null, false);
        try {
            return clients.submit(() -> java.util.stream.IntStream.range(0, count).parallel().mapToObj(i -> {
                String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
                if (i >= unpaid) {
                    pay(id, "AUTHORIZATION", 1000, "auth-" + id).statusCode(200);
                }
                return id;
            }).toList()).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("placing the job's orders failed", e);
        } finally {
            clients.shutdown();
        }
    }

    private static Map<String, Object> job(String operation, List<String> orderIds, Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", operation);
        body.put("selector", Map.of("orderIds", orderIds));
        body.put("params", params);
        return body;
    }

    /**
     * The orders of the big capture job: 1,000 here (issue 16's figure); the *IT subclasses, which
     * run the same test against the packaged jar and the native executable, take fewer, so that CI
     * stays well under its hour (the job's code is the same; what they check is the packaging).
     */
    protected int captureJobSize() {
        return 1000;
    }

    @Test
    void aCaptureJobOverAThousandOrdersCapturesTheCapturableAndNamesEachProblem() {
        String sku = newSku("BULK-CAP");
        int size = captureJobSize();
        createProduct(sku, 1000, "EUR", size);
        List<String> ids = orders(sku, size, 10); // the first 10 are not authorized: nothing to capture
        String job = create(job("capture", ids, Map.of()));

        JsonPath done = finished(job);
        assertEquals("completed_with_errors", done.getString("state"));
        assertEquals(size, done.getInt("total"));
        assertEquals(size - 10, done.getInt("succeeded"));
        assertEquals(10, done.getInt("failed"));
        assertEquals(100, done.getInt("percent"));
        List<Map<String, Object>> failures = results(job, "failed");
        assertEquals(10, failures.size());
        for (Map<String, Object> failure : failures) {
            assertTrue(ids.subList(0, 10).contains((String) failure.get("orderId")), "an unpaid order");
            @SuppressWarnings("unchecked") Map<String, Object> problem = (Map<String, Object>) failure.get("problem");
            assertEquals(409, problem.get("status"));
            assertThat((String) problem.get("detail"), not(emptyOrNullString()));
            assertEquals("PENDING_PAYMENT", problem.get("currentStatus"));
        }
        assertEquals(size - 10, results(job, "succeeded").size());
        // each capture is the single-order verb's: the order is PAID, with one capture and its event
        String captured = ids.get(size / 2);
        JsonPath order = order(captured);
        assertEquals("PAID", order.getString("paymentStatus"));
        assertEquals(1000, order.getInt("paid.captured.amount"));
        assertEquals(1, order.getList("payments.findAll { it.kind == 'CAPTURE' }").size());
        given().get("/orders/{id}/history", captured).then().statusCode(200)
                .body("type", hasItem("order.payment_captured"));
        assertEquals("PENDING", order(ids.get(0)).getString("paymentStatus"));
    }

    @Test
    void aDryRunChangesNothingAndPredictsExactlyWhatTheRealRunDoes() {
        String sku = newSku("BULK-DRY");
        createProduct(sku, 1000, "EUR", 100);
        List<String> ids = orders(sku, 12, 4);
        Map<String, Integer> versions = new HashMap<>();
        ids.forEach(id -> versions.put(id, order(id).getInt("version")));

        Map<String, Object> dry = job("capture", ids, Map.of());
        dry.put("dryRun", true);
        String dryJob = create(dry);
        JsonPath predicted = finished(dryJob);
        assertTrue(predicted.getBoolean("dryRun"));
        assertEquals(8, predicted.getInt("succeeded"));
        assertEquals(4, predicted.getInt("failed"));
        for (String id : ids) {
            JsonPath order = order(id);
            assertEquals(versions.get(id), order.getInt("version"), "a dry run changes nothing");
            assertNotEquals("PAID", order.getString("paymentStatus"));
        }
        assertEquals(List.of(100, 12, 88), stockOf(sku));

        String realJob = create(job("capture", ids, Map.of()));
        finished(realJob);
        assertEquals(outcomes(dryJob), outcomes(realJob), "the dry run's answer per order is the real run's");
        assertEquals("PAID", order(ids.get(11)).getString("paymentStatus"));
    }

    /** Per order: its status and the problem's type and detail. */
    private static Map<String, List<Object>> outcomes(String job) {
        Map<String, List<Object>> outcomes = new HashMap<>();
        for (Map<String, Object> result : results(job, null)) {
            @SuppressWarnings("unchecked") Map<String, Object> problem = (Map<String, Object>) result.get("problem");
            outcomes.put((String) result.get("orderId"), problem == null ? List.of(result.get("status"))
                    : List.of(result.get("status"), problem.get("type"), problem.get("detail")));
        }
        return outcomes;
    }

    @Test
    void theStopPolicyStopsAtTheFirstFailureAndSkipsTheRest() {
        String sku = newSku("BULK-STOP");
        createProduct(sku, 1000, "EUR", 100);
        List<String> paid = orders(sku, 5, 0);
        String unpaid = orders(sku, 1, 1).get(0);
        List<String> ids = new ArrayList<>(paid.subList(0, 2));
        ids.add(unpaid);
        ids.addAll(paid.subList(2, 5));
        Map<String, Object> body = job("capture", ids, Map.of());
        body.put("errorPolicy", "stop");

        JsonPath done = finished(create(body));
        assertEquals("completed_with_errors", done.getString("state"));
        assertEquals("stop", done.getString("errorPolicy"));
        assertEquals(List.of(2, 1, 3), List.of(done.getInt("succeeded"), done.getInt("failed"), done.getInt("skipped")));
        assertEquals("PAID", order(ids.get(1)).getString("paymentStatus"));
        assertEquals("AUTHORIZED", order(ids.get(3)).getString("paymentStatus"), "skipped after the failure");
    }

    @Test
    void theProgressStreamReachesOneHundredPercent() {
        String sku = newSku("BULK-SSE");
        createProduct(sku, 1000, "EUR", 200);
        List<String> ids = orders(sku, 120, 0);
        String job = create(job("add-public-note", ids, Map.of("message", "Your order is packed")));
        try (SseClient stream = SseClient.connect("http://localhost:" + RestAssured.port + "/bulk-jobs/" + job + "/events", null,
                Tokens.staff())) {
            List<Integer> percents = new ArrayList<>();
            SseClient.Frame frame;
            String state = "queued";
            while (!List.of("succeeded", "completed_with_errors", "failed", "cancelled").contains(state)) {
                frame = stream.next(f -> !f.isComment(), Duration.ofSeconds(60));
                assertNotNull(frame, "the stream sends the job until it ends");
                JsonPath progress = new JsonPath(frame.data());
                percents.add(progress.getInt("percent"));
                state = progress.getString("state");
            }
            assertEquals("succeeded", state);
            assertEquals(100, percents.get(percents.size() - 1));
            for (int i = 1; i < percents.size(); i++) {
                assertTrue(percents.get(i) >= percents.get(i - 1), "progress never goes back: " + percents);
            }
        }
        given().get("/orders/{id}/history", ids.get(7)).then().body("type", hasItem("order.public_note_added"));
    }

    @Test
    void fulfillShipsEveryUnshippedUnitWithEachOrdersTrackingNumber() {
        String sku = newSku("BULK-SHIP");
        createProduct(sku, 1000, "EUR", 50);
        List<String> ids = orders(sku, 3, 0);
        // an order id in capitals is the same order; an order named twice ships as its first entry says
        Map<String, Object> params = Map.of("carrier", "DHL", "items", List.of(
                Map.of("orderId", ids.get(0), "trackingNumber", "JD0001"),
                Map.of("orderId", ids.get(1).toUpperCase(java.util.Locale.ROOT), "trackingNumber", "1Z0002",
                        "carrier", "UPS"),
                Map.of("orderId", ids.get(0), "trackingNumber", "JD0009")));
        String job = create(job("fulfill", ids, params));
        JsonPath done = finished(job);
        assertEquals(2, done.getInt("succeeded"));
        assertEquals(1, done.getInt("failed"));
        assertEquals("FULFILLED", order(ids.get(0)).getString("status"));
        assertEquals("DHL", order(ids.get(0)).getString("fulfillments[0].carrier"));
        assertEquals(List.of("JD0001"), order(ids.get(0)).getList("fulfillments.trackingNumber"));
        assertEquals("UPS", order(ids.get(1)).getString("fulfillments[0].carrier"));
        assertEquals("1Z0002", order(ids.get(1)).getString("fulfillments[0].trackingNumber"));
        assertEquals("CONFIRMED", order(ids.get(2)).getString("status"));
        assertThat(results(job, "failed").get(0).get("problem").toString(), containsString("missing-tracking-number"));
        assertEquals(List.of(48, 1, 47), stockOf(sku), "two shipped units left the shelf and the hold");
    }

    @Test
    void aFilterSelectsTheOrdersOnceAndCancelReleasesTheirStock() {
        String sku = newSku("BULK-CXL");
        createProduct(sku, 1000, "EUR", 20);
        String customer = newCustomer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(placeOk(orderBody(customer, sku, 2)).getString("id"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", "cancel");
        body.put("selector", Map.of("filter", Map.of("customerId", customer, "status", "PENDING_PAYMENT")));
        // a key only fulfill jobs read (their shipments), holding what no fulfill job would: ignored here
        body.put("params", Map.of("reason", "MERCHANT", "note", "Sold out at the warehouse", "items", "see the list"));
        JsonPath done = finished(create(body));
        assertEquals("succeeded", done.getString("state"));
        assertEquals(4, done.getInt("total"));
        ids.forEach(id -> assertEquals("CANCELLED", order(id).getString("status")));
        assertEquals(List.of(20, 0, 20), stockOf(sku));
    }

    @Test
    void anIdempotencyKeyAnswersTheSameJob() {
        String sku = newSku("BULK-IDEM");
        createProduct(sku, 1000, "EUR", 10);
        List<String> ids = orders(sku, 2, 0);
        Map<String, Object> body = job("capture", ids, Map.of());
        String key = "bulk-" + UUID.randomUUID();
        String first = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/bulk-jobs").then().statusCode(202).extract().jsonPath().getString("id");
        String again = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/bulk-jobs").then().statusCode(202).extract().jsonPath().getString("id");
        assertEquals(first, again);
        finished(first);
        ids.forEach(id -> assertEquals(1, order(id).getList("payments.findAll { it.kind == 'CAPTURE' }").size()));
    }

    @Test
    void aCancelledJobStopsBetweenOrders() {
        String sku = newSku("BULK-STOPJOB");
        createProduct(sku, 1000, "EUR", 400);
        List<String> ids = orders(sku, 300, 0);
        String job = create(job("capture", ids, Map.of()));
        given().post("/bulk-jobs/{id}/cancellation", job).then().statusCode(200).body("id", is(job));
        JsonPath done = finished(job);
        assertEquals("cancelled", done.getString("state"));
        assertTrue(done.getInt("succeeded") < 300, "it stopped before the end");
        long captured = ids.stream().filter(id -> "PAID".equals(order(id).getString("paymentStatus"))).count();
        assertEquals(done.getInt("succeeded"), (int) captured, "exactly the orders it did are captured");
    }

    @Test
    void badRequestsAre400NamingTheFieldsAndUnknownJobs404() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", "refund");
        body.put("selector", Map.of("orderIds", List.of(UUID.randomUUID().toString()),
                "filter", Map.of("status", "CONFIRMED")));
        body.put("errorPolicy", "retry");
        given().contentType(ContentType.JSON).body(body).post("/bulk-jobs").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("operation", "selector", "errorPolicy"));

        Map<String, Object> cancel = job("cancel", List.of(UUID.randomUUID().toString()), Map.of("reason", "BORED"));
        given().contentType(ContentType.JSON).body(cancel).post("/bulk-jobs").then().statusCode(400)
                .body("errors.field", contains("params.reason"));
        Map<String, Object> ship = job("fulfill", List.of(UUID.randomUUID().toString()),
                Map.of("items", List.of(Map.of("orderId", "nope"))));
        given().contentType(ContentType.JSON).body(ship).post("/bulk-jobs").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("params.items[0].orderId", "params.items[0].trackingNumber",
                        "params.items[0].carrier"));
        given().get("/bulk-jobs/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/bulk-jobs/{id}/results", UUID.randomUUID()).then().statusCode(404);
        given().accept("text/event-stream").get("/bulk-jobs/{id}/events", UUID.randomUUID()).then().statusCode(404);
        given().post("/bulk-jobs/{id}/cancellation", UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.customer("c-bulk"))).contentType(ContentType.JSON)
                .body(job("capture", List.of(UUID.randomUUID().toString()), Map.of())).post("/bulk-jobs").then()
                .statusCode(403);
    }

    @Test
    void anUnknownOrderIsAFailedResultOfItsOwn() {
        String missing = UUID.randomUUID().toString();
        String job = create(job("deliver", List.of(missing), Map.of()));
        JsonPath done = finished(job);
        assertEquals(1, done.getInt("failed"));
        @SuppressWarnings("unchecked") Map<String, Object> problem =
                (Map<String, Object>) results(job, "failed").get(0).get("problem");
        assertEquals(404, problem.get("status"));
    }

    @Test
    void aJobsStartAndEndGoToTheEventLogForItsReaders() {
        String sku = newSku("BULK-LOG");
        createProduct(sku, 1000, "EUR", 10);
        List<String> ids = orders(sku, 2, 0);
        try (SseClient stream = SseClient.connect("http://localhost:" + RestAssured.port + "/events", null,
                Tokens.staff())) {
            String job = create(job("add-public-note", ids, Map.of("message", "Thank you")));
            SseClient.Frame started = stream.next(frame -> "bulk_job.started".equals(frame.event())
                    && frame.data().contains(job), Duration.ofSeconds(60));
            assertNotNull(started, "bulk_job.started on the staff stream");
            SseClient.Frame completed = stream.next(frame -> "bulk_job.completed".equals(frame.event())
                    && frame.data().contains(job), Duration.ofSeconds(60));
            assertNotNull(completed, "bulk_job.completed on the staff stream");
            JsonPath end = new JsonPath(completed.data());
            assertEquals(job, end.getString("data.jobId"));
            assertEquals("succeeded", end.getString("data.state"));
            assertEquals(2, end.getInt("data.succeeded"));
            assertEquals("add-public-note", end.getString("data.operation"));
            assertNull(end.get("orderId"), "of no order");
            assertNull(end.get("status"));
            assertTrue(end.getLong("id") > new JsonPath(started.data()).getLong("id"), "in log order");
        }
    }
}
