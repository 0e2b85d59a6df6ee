package dev.orderstream.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.support.AmqpProbe;
import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.PackagedApp;
import dev.orderstream.support.SseClient;
import dev.orderstream.support.StockLedger;
import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.Tokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.orderstream.support.Api.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * SIGTERM in the middle of a placement load with SSE clients connected, against the packaged
 * application (jar, or native executable in a native build): every request the service took
 * completes with its normal answer, a request that arrives after the signal is refused at once
 * (a 503 problem, or the connection is refused once the server has closed) and never cut off
 * half-way, every SSE stream ends cleanly (its last chunk arrives), no order is committed without
 * its client getting the 201, stock stays consistent, and every event the relay marked published
 * really reached RabbitMQ.
 *
 * <p>A load client stops after its first refusal, as a client behind a load balancer would go to
 * another instance.
 */
class GracefulShutdownIT {

    private static final String SCHEMA = "orderstream_shutdown";
    private static final int CLIENTS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PackagedApp app;
    private static final DataSource DB = TestDatabase.dataSource(SCHEMA);

    /** What one request came to. */
    record Outcome(long startedNanos, long endedNanos, int status, String contentType, String retryAfter,
                   String body, Exception failure) {
        boolean completedNormally() {
            return failure == null && (status == 200 || status == 201);
        }

        /** Connection refused, or the shutdown problem: 503, problem+json, Retry-After. */
        boolean refused() {
            return (failure instanceof ConnectException)
                    || (status == 503 && "application/problem+json".equals(contentType) && retryAfter != null
                    && body.contains("\"title\":\"Shutting down\""));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.dropSchema(SCHEMA);
        DefaultToken.install();
        app = PackagedApp.start("shutdown", 18083, SCHEMA);
        app.use();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null && app.process().isAlive()) {
            app.kill();
        }
        RestAssured.reset();
    }

    @Test
    void sigtermDuringLoadFinishesWhatWasTakenAndEndsSseStreamsCleanly() throws Exception {
        String sku = newSku("DRAIN");
        createProduct(sku, 500, "EUR", 1_000_000);
        String prefix = "drain-" + UUID.randomUUID().toString().substring(0, 8) + "-";

        List<SseClient> streams = List.of(
                SseClient.connect(app.url("/events")),
                SseClient.connect(app.url("/events?customerId=" + prefix + "0")),
                SseClient.connect(app.url("/events?type=order.placed")));
        for (SseClient stream : streams) {
            assertEquals(200, stream.status());
        }

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger placed = new AtomicInteger();
        CountDownLatch warm = new CountDownLatch(CLIENTS * 5);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (AmqpProbe probe = AmqpProbe.bind().consume()) {
            for (int c = 0; c < CLIENTS; c++) {
                String customer = prefix + c;
                clients.submit(() -> placeUntilRefused(http, customer, sku, outcomes, placed, warm));
            }
            assertTrue(warm.await(60, TimeUnit.SECONDS), "the load got going");
            await("a few hundred placements").atMost(Duration.ofSeconds(60)).until(() -> placed.get() >= 300);
            assertTrue(streams.get(0).nextEvent(Duration.ofSeconds(10)) != null, "events flow to the SSE clients");

            long sigterm = System.nanoTime();
            assertTrue(app.terminate(Duration.ofSeconds(40)), "the service exits after SIGTERM");
            long exitedAfterMillis = (System.nanoTime() - sigterm) / 1_000_000;
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "every load client stopped");

            String log = app.output();
            List<Outcome> all = new ArrayList<>(outcomes);
            List<Outcome> failed = all.stream().filter(o -> !o.completedNormally() && !o.refused()).toList();
            assertEquals(List.of(), failed, "requests that failed instead of completing or being refused");
            long takenBeforeAndFinishedAfter = all.stream()
                    .filter(o -> o.startedNanos() < sigterm && o.endedNanos() > sigterm && o.completedNormally())
                    .count();
            long refused = all.stream().filter(Outcome::refused).count();
            long refusedWith503 = all.stream().filter(o -> o.refused() && o.status() == 503).count();
            System.out.printf("GracefulShutdownIT: %d requests, %d in flight at SIGTERM finished normally, "
                            + "%d refused after it (%d with the 503 problem), exit %d ms after SIGTERM (code %d)%n",
                    all.size(), takenBeforeAndFinishedAfter, refused, refusedWith503, exitedAfterMillis,
                    app.process().exitValue());
            assertTrue(takenBeforeAndFinishedAfter > 0, "some requests were in flight at SIGTERM and finished");
            assertTrue(exitedAfterMillis < 10_000, "nothing held the shutdown up to its 25 s timeout");
            assertEquals(CLIENTS, refused, "each client was refused once, then stopped");

            for (SseClient stream : streams) {
                await("SSE stream ended").atMost(Duration.ofSeconds(5)).until(stream::hasEnded);
                assertTrue(stream.endedCleanly(), "SSE stream ended cleanly, not cut: " + stream.cut());
                stream.close();
            }

            assertTrue(log.contains("Shutting down: refusing new requests"), log);
            assertFalse(log.contains("Timed out waiting for graceful shutdown"), log);
            assertFalse(log.contains("relay batch still in flight"), log);

            // Nothing committed behind a client's back: the orders are exactly the 201s.
            StockLedger ledger = new StockLedger(DB);
            assertEquals(placed.get(), ledger.count("SELECT count(*) FROM orders WHERE customer_id LIKE ?", prefix + "%"));
            ledger.assertConsistent(sku);

            // Whatever the relay's position has passed was confirmed by RabbitMQ, so it is on the queue.
            Set<String> markedPublished = publishedEvents(prefix);
            assertFalse(markedPublished.isEmpty(), "the relay published during the load");
            await("published events on the queue").atMost(Duration.ofSeconds(10)).until(() -> {
                Set<String> received = new HashSet<>();
                probe.all().forEach(message -> received.add(message.orderId() + "/" + message.messageId()));
                return received.containsAll(markedPublished);
            });
        } finally {
            clients.shutdownNow();
        }
    }

    private static void placeUntilRefused(HttpClient http, String customer, String sku,
                                          ConcurrentLinkedQueue<Outcome> outcomes, AtomicInteger placed,
                                          CountDownLatch warm) {
        String token = Tokens.bearer(Tokens.staff());
        while (true) {
            long started = System.nanoTime();
            Outcome outcome;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/orders")))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(orderBody(customer, sku, 1))))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = new Outcome(started, System.nanoTime(), response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
                if (response.statusCode() == 201) {
                    placed.incrementAndGet();
                }
            } catch (IOException e) {
                outcome = new Outcome(started, System.nanoTime(), 0, null, null, "", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.add(outcome);
            warm.countDown();
            if (!outcome.completedNormally()) {
                return; // refused (or failed): a real client would now go to another instance
            }
        }
    }

    /** "order id/event id" of every event of these customers' orders at or before the relay's position. */
    private static Set<String> publishedEvents(String customerPrefix) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DB.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT e.order_id, e.id FROM order_events e JOIN orders o ON o.id = e.order_id, outbox_relay r "
                        + "WHERE o.customer_id LIKE ? AND (e.txid, e.id) <= (r.txid, r.event_id)")) {
            statement.setString(1, customerPrefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1) + "/" + rows.getLong(2));
                }
            }
        }
        return ids;
    }
}
