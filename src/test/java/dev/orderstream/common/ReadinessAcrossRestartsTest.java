package dev.orderstream.common;

import dev.orderstream.support.LocalPostgres;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.orderstream.support.Api.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness says whether this instance can serve requests: PostgreSQL is stopped
 * ({@code pg_ctlcluster … stop -m fast}) and started again five times while placements are in
 * flight, and each time readiness goes DOWN while it is away and is UP again within 10 s of the
 * restart, with placements succeeding. Only the reactive pool that serves requests is checked; the
 * JDBC pool that exists for Flyway at start is not in the report. Shares the outage test's schema
 * (and so its application), PostgreSQL is started again in {@code finally} whatever happens.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnSchema.class)
class ReadinessAcrossRestartsTest {

    private static final int CYCLES = 5;
    private static final Duration UP_WITHIN = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean placing = new AtomicBoolean(true);
    private final AtomicInteger placed = new AtomicInteger();

    @Test
    void readinessIsUpWithinTenSecondsOfEveryRestartAndOrdersArePlacedAgain() throws Exception {
        LocalPostgres postgres = LocalPostgres.controllable();
        String sku = newSku("READY");
        createProduct(sku, 1000, "EUR", 1_000_000);
        JsonPath report = JsonPath.from(RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString());
        assertEquals(List.of(DatabaseReadiness.NAME), report.getList("checks.findAll { it.name.contains('atabase') || it.name.contains('PostgreSQL') }.name"),
                "only the pool that serves requests is checked: " + report.prettify());

        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Long> upAfterMillis = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                clients.submit(() -> placeUntilStopped(sku));
            }
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                int before = placed.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> placed.get() >= before + 5);
                postgres.stopFast();
                await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
                assertEquals(200, RestAssured.get("/q/health/live").statusCode(), "liveness stays UP");

                postgres.start();
                long restarted = System.nanoTime();
                int atRestart = placed.get();
                await().atMost(UP_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> readiness() == 200);
                upAfterMillis.add((System.nanoTime() - restarted) / 1_000_000);
                await().atMost(Duration.ofSeconds(30)).until(() -> placed.get() > atRestart);
            }
        } finally {
            placing.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            postgres.ensureRunning();
        }
        System.out.println("readiness UP after each restart, ms: " + upAfterMillis);
        assertEquals(CYCLES, upAfterMillis.size());
        assertTrue(placed.get() >= CYCLES * 6, "placements went on between the restarts: " + placed.get());
        assertFalse(upAfterMillis.stream().anyMatch(ms -> ms > UP_WITHIN.toMillis()), upAfterMillis.toString());
    }

    /** One placement after another (requests in flight whenever it goes down); counts those placed. */
    private void placeUntilStopped(String sku) {
        while (placing.get()) {
            String customer = newCustomer();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + RestAssured.port + "/orders"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", Tokens.bearer(Tokens.customer(customer)))
                        .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(orderBody(customer, sku, 1))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    placed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // the outage: tried again
            }
        }
    }

    private static int readiness() {
        return RestAssured.get("/q/health/ready").statusCode();
    }
}
