package dev.orderstream.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.support.LocalPostgres;
import dev.orderstream.support.SseClient;
import dev.orderstream.support.StockLedger;
import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static dev.orderstream.support.Api.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * PostgreSQL goes away under load and comes back ({@code pg_ctlcluster ... stop -m fast}, then
 * start): while it is down every request is answered at once with a 503 problem and Retry-After,
 * readiness is DOWN and liveness UP; once it is back the service recovers by itself (pool, LISTEN,
 * relay, sweeper), every request refused meanwhile succeeds when sent again with its
 * Idempotency-Key, exactly once, nothing is half-written, every event is published, and a feed
 * client that resumes with Last-Event-ID misses nothing. Its own schema, so the rest of the suite
 * never sees it; PostgreSQL is started again in {@code finally} whatever happens.
 * The figures are printed and written to {@code target/database-outage.txt}.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnSchema.class)
class DatabaseOutageTest {

    static final String SCHEMA = "orderstream_outage";
    private static final int CLIENTS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events the relay has not yet published: those after its position. */
    private static final String UNPUBLISHED = "SELECT count(*) FROM order_events e, outbox_relay r "
            + "WHERE (e.txid, e.id) > (r.txid, r.event_id)";

    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orderstream.db.schema", SCHEMA,
                    // holds lapse during the outage, so the sweeper has work waiting when it returns
                    "orderstream.reservation.ttl", "PT5S",
                    "orderstream.reservation.sweep-interval", "1s",
                    "orderstream.reservation.sweep-delay", "1s");
        }
    }

    /** Before the stop; from the stop's end to the start's beginning; while it starts; once it is back. */
    enum Phase { BEFORE, DOWN, STARTING, BACK }

    /** What a client does: place an order, read one (Vert.x client), cancel one (Hibernate Reactive). */
    enum Kind { PLACE, READ, CANCEL }

    record Attempt(Kind kind, Phase phase, String key, int status, long millis, String contentType, String retryAfter,
                   String problemType, long at) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final java.util.concurrent.BlockingQueue<String> placedOrders = new java.util.concurrent.LinkedBlockingQueue<>();
    private final List<String> knownOrders = Collections.synchronizedList(new ArrayList<>());
    private String sku;
    private ResumingFeed feed;
    private ResumingFeed dropped;

    @org.junit.jupiter.api.AfterEach
    void stopFeeds() throws InterruptedException {
        for (ResumingFeed client : new ResumingFeed[] {feed, dropped}) {
            if (client != null) {
                client.stop();
            }
        }
    }

    @Test
    void theServiceRidesOutAPostgresqlRestartUnderLoad() throws Exception {
        LocalPostgres postgres = LocalPostgres.controllable();
        sku = newSku("OUTAGE");
        createProduct(sku, 1000, "EUR", 1_000_000);
        DataSource db = TestDatabase.dataSource(SCHEMA);
        feed = new ResumingFeed(url("/events"));
        dropped = new ResumingFeed(url("/events"));
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 2);
        Map<String, Object> figures = new TreeMap<>();
        long stoppedAt;
        long startedAt;
        try {
            feed.start();
            dropped.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.connected() && dropped.connected());
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(this::placeUntilStopped);
            }
            clients.submit(this::readUntilStopped);
            clients.submit(this::cancelUntilStopped);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(Phase.BEFORE, status -> status == 201) >= 40);

            figures.put("events after the relay's position when the database stopped", query(db, UNPUBLISHED));
            stoppedAt = System.nanoTime();
            postgres.stopFast();
            phase.set(Phase.DOWN);
            dropped.dropNow();
            figures.put("stop took ms", millisSince(stoppedAt));
            await().atMost(Duration.ofSeconds(30)).until(() -> health("/q/health/ready") == 503);
            figures.put("readiness DOWN after ms", millisSince(stoppedAt));
            assertEquals(200, health("/q/health/live"), "liveness stays UP: restarting the instance cures nothing");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(Phase.DOWN, status -> true) >= 100);
            assertEquals(200, health("/q/health/live"));

            startedAt = System.nanoTime();
            phase.set(Phase.STARTING);
            postgres.start();
            figures.put("start took ms", millisSince(startedAt));
            long outage = System.nanoTime();
            phase.set(Phase.BACK);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(Phase.BACK, status -> status == 201) >= 1);
            figures.put("first order placed after restart, ms", millisSince(startedAt));
            await().atMost(Duration.ofSeconds(30)).until(() -> health("/q/health/ready") == 200);
            figures.put("readiness UP after restart, ms", millisSince(startedAt));
            await().atMost(Duration.ofSeconds(30)).until(() -> count(Phase.BACK, status -> status == 201) >= 40);
            figures.put("outage seconds (stop to start)", (outage - stoppedAt) / 1_000_000_000.0);
        } finally {
            loading.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            postgres.ensureRunning();
        }

        // 1. while it was down: a 503 problem with Retry-After, at once; never a 500, never a hang
        List<Attempt> all = List.copyOf(attempts);
        List<Attempt> down = all.stream().filter(a -> a.phase() == Phase.DOWN).toList();
        Map<Kind, Set<Integer>> expected = Map.of(Kind.PLACE, Set.of(201, 503), Kind.READ, Set.of(200, 503),
                // a cancellation may come after the hold lapsed and the order expired: 409
                Kind.CANCEL, Set.of(200, 409, 503));
        for (Attempt attempt : all) {
            assertTrue(expected.get(attempt.kind()).contains(attempt.status()), "never a 500 nor a hang: " + attempt);
            if (attempt.status() == 503) {
                assertEquals("application/problem+json", attempt.contentType(), attempt.toString());
                assertNotNull(attempt.retryAfter(), "Retry-After on every 503: " + attempt);
            }
        }
        assertEquals(List.of(), down.stream().filter(a -> a.status() != 503).toList(),
                "nothing placed while the database was down");
        long slowest = down.stream().mapToLong(Attempt::millis).max().orElseThrow();
        assertTrue(slowest < REQUEST_TIMEOUT.toMillis(), "answered within the timeout: " + slowest + " ms");
        for (Kind kind : Kind.values()) {
            figures.put("requests while down, " + kind, down.stream().filter(a -> a.kind() == kind).count() + " ("
                    + down.stream().filter(a -> a.kind() == kind && a.status() == 503).count() + " answered 503)");
            assertTrue(down.stream().anyMatch(a -> a.kind() == kind), kind + " tried while down");
        }
        figures.put("requests while down: slowest answer ms", slowest);
        figures.put("503 problem types", new TreeMap<>(all.stream().filter(a -> a.status() == 503)
                .collect(java.util.stream.Collectors.groupingBy(Attempt::problemType,
                        java.util.stream.Collectors.counting()))));
        figures.put("requests in all", all.size());
        figures.put("answers by kind and status", new TreeMap<>(all.stream().collect(java.util.stream.Collectors.groupingBy(
                a -> a.kind() + " " + a.status(), java.util.stream.Collectors.counting()))));
        figures.put("placed before / after", count(Phase.BEFORE, s -> s == 201) + " / " + count(Phase.BACK, s -> s == 201));

        // 2. every refused request, sent again with its key, is done exactly once
        Set<String> refused = new LinkedHashSet<>();
        Set<String> placed = new LinkedHashSet<>();
        for (Attempt attempt : all) {
            if (attempt.kind() == Kind.PLACE) {
                (attempt.status() == 201 ? placed : refused).add(attempt.key());
            }
        }
        refused.removeAll(placed);
        for (String key : refused) {
            HttpResponse<String> again = place(key);
            assertTrue(again.statusCode() == 201 || again.statusCode() == 200, key + ": " + again.body());
        }
        figures.put("refused requests sent again and placed", refused.size());
        Set<String> keys = new LinkedHashSet<>(placed);
        keys.addAll(refused);
        assertEquals(keys.size(), query(db, "SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id "
                + "WHERE l.sku = '" + sku + "'"), "one order per request: none lost, none twice");

        // 3. nothing half-written: every order has its line and its placement event, stock adds up
        assertEquals(0, query(db, "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l "
                + "WHERE l.order_id = o.id) OR NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id "
                + "AND e.type = 'order.placed')"));
        new StockLedger(db).assertConsistent(sku);

        // 4. the sweeper came back: every hold (many lapsed during the outage) expired, stock released
        long sweepFrom = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> query(db,
                "SELECT count(*) FROM orders WHERE status NOT IN ('EXPIRED', 'CANCELLED')") == 0);
        figures.put("all holds expired, ms after the checks began", millisSince(sweepFrom));
        assertEquals(0, query(db, "SELECT reserved FROM products WHERE sku = '" + sku + "'"));
        new StockLedger(db).assertConsistent(sku);

        // 5. the relay came back: every event of every committed order is confirmed by RabbitMQ
        await().atMost(Duration.ofSeconds(60)).until(() -> query(db, UNPUBLISHED) == 0);
        long events = query(db, "SELECT count(*) FROM order_events");
        figures.put("events in the log, all published", events);

        // 6. LISTEN came back by itself
        await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(RestAssured.get("/q/health/ready").asString())
                .getBoolean("checks.find { it.name.startsWith('Event outbox') }.data.listeningForOtherInstances"));

        // 7. feed clients miss nothing and see nothing twice: one whose stream stayed open across the
        // outage, one that lost it as the outage began and resumed with Last-Event-ID (refused with a
        // 503 while the database could not say where that was)
        List<Long> logged = ids(db, "SELECT id FROM order_events ORDER BY id");
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.seen().size() >= logged.size()
                && dropped.seen().size() >= logged.size());
        feed.stop();
        dropped.stop();
        for (ResumingFeed client : List.of(feed, dropped)) {
            List<Long> seen = client.seen();
            assertEquals(seen.size(), new LinkedHashSet<>(seen).size(), "no event twice");
            List<Long> sorted = new ArrayList<>(seen);
            Collections.sort(sorted);
            assertEquals(logged, sorted, "every event of the log, none missing");
        }
        assertTrue(dropped.reconnections() >= 1);
        for (String refusal : dropped.refusals()) {
            assertTrue(refusal.startsWith("503 application/problem+json Retry-After: "), refusal);
        }
        figures.put("feed events received (stayed open / resumed)", feed.seen().size() + " / " + dropped.seen().size());
        figures.put("feed reconnections (stayed open / resumed)", feed.reconnections() + " / " + dropped.reconnections());
        figures.put("resuming feed refused while down", dropped.refusals().size());

        StringBuilder report = new StringBuilder("PostgreSQL outage under load (" + CLIENTS + " clients placing):\n");
        figures.forEach((name, value) -> report.append("  ").append(name).append(": ").append(value).append('\n'));
        System.out.print(report);
        Files.writeString(Path.of("target", "database-outage.txt"), report);
    }

    private void placeUntilStopped() {
        while (loading.get()) {
            String key = UUID.randomUUID().toString();
            HttpResponse<String> response = attempt(Kind.PLACE, key, () -> place(key));
            if (response != null && response.statusCode() == 201) {
                String id = JsonPath.from(response.body()).getString("id");
                knownOrders.add(id);
                if (ThreadLocalRandom.current().nextInt(4) == 0) {
                    placedOrders.add(id);
                }
            }
        }
    }

    private void readUntilStopped() {
        while (loading.get()) {
            if (knownOrders.isEmpty()) {
                Thread.onSpinWait();
                continue;
            }
            String id = knownOrders.get(ThreadLocalRandom.current().nextInt(knownOrders.size()));
            attempt(Kind.READ, id, () -> send(HttpRequest.newBuilder(URI.create(url("/orders/" + id))).GET()));
        }
    }

    private void cancelUntilStopped() {
        while (loading.get()) {
            String id;
            try {
                id = placedOrders.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (id == null) {
                if (phase.get() != Phase.DOWN || knownOrders.isEmpty()) {
                    continue;
                }
                // while the database is down, keep asking to cancel orders placed before
                id = knownOrders.get(ThreadLocalRandom.current().nextInt(knownOrders.size()));
            }
            String order = id;
            HttpResponse<String> response = attempt(Kind.CANCEL, order, () -> send(HttpRequest.newBuilder(
                            URI.create(url("/orders/" + order + "/cancellation")))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"CUSTOMER\",\"note\":\"outage\"}"))));
            if (response == null || response.statusCode() == 503) {
                placedOrders.add(order); // refused: the client tries again later
            }
        }
    }

    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Sends one request and records how it was answered; null if it was not answered at all. */
    private HttpResponse<String> attempt(Kind kind, String key, Call call) {
        Phase during = phase.get();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = call.send();
            String type = null;
            if (response.statusCode() >= 400) {
                try {
                    type = JSON.readTree(response.body()).path("type").asText();
                    type = type.substring(type.lastIndexOf('/') + 1);
                } catch (Exception e) {
                    type = "not a problem: " + response.body();
                }
            }
            attempts.add(new Attempt(kind, during, key, response.statusCode(), millisSince(start),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), type, start));
            return response;
        } catch (Exception e) {
            attempts.add(new Attempt(kind, during, key, -1, millisSince(start), null, null, e.toString(), start));
            return null;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(REQUEST_TIMEOUT).header("Authorization", Tokens.bearer(Tokens.staff())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> place(String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url("/orders")))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(orderBody(newCustomer(), sku, 1)))));
    }

    private long count(Phase in, Predicate<Integer> status) {
        return attempts.stream().filter(a -> a.kind() == Kind.PLACE && a.phase() == in && status.test(a.status())).count();
    }

    private int health(String path) {
        return RestAssured.given().get(path).statusCode();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    private static long query(DataSource db, String sql) throws Exception {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<Long> ids(DataSource db, String sql) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /**
     * A feed client as an EventSource is one: it follows the staff feed, and whenever the stream ends
     * or cannot be opened it opens it again after its reconnection delay, with the last id it saw.
     */
    static final class ResumingFeed {
        private final String url;
        private final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean connected = new AtomicBoolean();
        private final AtomicBoolean drop = new AtomicBoolean();
        private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        private volatile int reconnections;

        ResumingFeed(String url) {
            this.url = url;
        }

        private final java.util.concurrent.ScheduledExecutorService client =
                Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "resuming-feed");
                    thread.setDaemon(true);
                    return thread;
                });
        private volatile String lastEventId;

        void start() {
            client.execute(this::follow);
        }

        /** Opens the stream (from the last id seen) and reads it until it ends or is dropped. */
        private void follow() {
            try (SseClient stream = SseClient.connect(url, lastEventId, Tokens.staff())) {
                if (stream.status() != 200) {
                    refusals.add(stream.status() + " " + stream.header("Content-Type") + " Retry-After: "
                            + stream.header("Retry-After"));
                } else {
                    connected.set(true);
                    while (running.get() && !drop.getAndSet(false)) {
                        SseClient.Frame event = stream.nextEvent(Duration.ofMillis(200));
                        if (event != null) {
                            seen.add(Long.parseLong(event.id()));
                            lastEventId = event.id();
                        } else if (stream.hasEnded()) {
                            break;
                        }
                    }
                }
            } catch (RuntimeException e) {
                // the connection itself failed: open it again, as a browser does
            }
            if (running.get()) {
                reconnections++;
                // the client's reconnection delay (an EventSource's is about 3 s)
                client.schedule(this::follow, 500, TimeUnit.MILLISECONDS);
            }
        }

        List<Long> seen() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }

        /** Closes the stream now, as a client whose network dropped, and opens it again with Last-Event-ID. */
        void dropNow() {
            drop.set(true);
        }

        List<String> refusals() {
            synchronized (refusals) {
                return List.copyOf(refusals);
            }
        }

        boolean connected() {
            return connected.get();
        }

        int reconnections() {
            return reconnections;
        }

        void stop() throws InterruptedException {
            running.set(false);
            client.shutdown();
            client.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
