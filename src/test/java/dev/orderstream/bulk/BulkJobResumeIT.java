package dev.orderstream.bulk;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.PackagedApp;
import dev.orderstream.support.TestDatabase;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.orderstream.bulk.BulkJobs.*;
import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bulk job whose instance is killed mid-job (SIGKILL, the packaged application) is taken over by
 * another instance once its lease runs out, and finishes with every order captured exactly once.
 */
class BulkJobResumeIT {

    private static final String SCHEMA = "orderstream_bulk_it";
    private static final String[] SETTINGS = {"orderstream.bulk.batch-size=10", "orderstream.bulk.pause=250ms",
            "orderstream.bulk.lease=3s", "orderstream.bulk.poll-interval=200ms"};

    private static PackagedApp first;
    private static PackagedApp second;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.dropSchema(SCHEMA);
        DefaultToken.install();
        first = PackagedApp.start("bulk-first", 18087, SCHEMA, SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedApp instance : new PackagedApp[]{first, second}) {
            if (instance != null && instance.process().isAlive()) {
                instance.stop();
            }
        }
        RestAssured.reset();
    }

    @Test
    void aJobInterruptedByAKilledInstanceIsResumedWithNoOrderCapturedTwice() throws Exception {
        first.use();
        String sku = newSku("BULK-RESUME");
        createProduct(sku, 1000, "EUR", 200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
            pay(id, "AUTHORIZATION", 1000, "auth-" + id).statusCode(200);
            ids.add(id);
        }
        String job = create(Map.of("operation", "capture", "selector", Map.of("orderIds", ids), "params", Map.of()));
        await().atMost(WAIT).until(() -> given().get("/bulk-jobs/{id}", job).then().extract().jsonPath()
                .getInt("processed") >= 20);
        first.kill();

        second = PackagedApp.start("bulk-second", 18088, SCHEMA, SETTINGS);
        second.use();
        JsonPath done = finished(job);
        assertEquals("succeeded", done.getString("state"));
        assertEquals(100, done.getInt("succeeded"));
        for (String id : ids) {
            JsonPath order = order(id);
            assertEquals(1, order.getList("payments.findAll { it.kind == 'CAPTURE' }").size(),
                    "order " + id + " captured exactly once");
            assertEquals(1000, order.getInt("paid.captured.amount"));
        }
    }
}
