package dev.orderstream.bulk;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

/** Test helpers for bulk jobs through the API. */
final class BulkJobs {

    static final Duration WAIT = Duration.ofSeconds(90);

    private BulkJobs() {
    }

    /** Queues a job (202, Location) and answers its id. */
    static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/bulk-jobs").then()
                .statusCode(202)
                .header("Location", matchesPattern(".*/bulk-jobs/[0-9a-f-]{36}"))
                .body("state", is("queued"))
                .extract().jsonPath().getString("id");
    }

    /** Waits until the job has finished; answers it. */
    static JsonPath finished(String id) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> given().get("/bulk-jobs/{id}", id).then().statusCode(200).extract().jsonPath(),
                job -> !List.of("queued", "running").contains(job.getString("state")));
    }

    /** Every result of the job (all pages), optionally of one status. */
    static List<Map<String, Object>> results(String id, String status) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 200);
            if (status != null) {
                request.queryParam("status", status);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/bulk-jobs/{id}/results", id).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }
}
