package dev.orderstream.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.support.ConcurrentPlacements;
import dev.orderstream.support.StockLedger;
import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static dev.orderstream.support.Api.*;
import static dev.orderstream.support.ConcurrentPlacements.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group-committed placement: placements that arrive together share a transaction, and each still
 * ends as it would have placed alone in some order. Every claim is made with many simultaneous
 * requests against the real database.
 */
@QuarkusTest
class GroupCommitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Orders on this channel make the database fail the insert, in the middle of their batch. */
    private static final String FAILING_CHANNEL = "failure-injection";

    private final DataSource db = TestDatabase.dataSource();
    private final ConcurrentPlacements placements = new ConcurrentPlacements();

    @AfterEach
    void removeFailureInjection() throws SQLException {
        sql("DROP TRIGGER IF EXISTS inject_failure ON orders");
        sql("DROP FUNCTION IF EXISTS inject_failure()");
    }

    @Test
    void concurrentMultiLinePlacementsEndAsPlacingThemOneByOneWould() throws Exception {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String sku = newSku("GC" + i);
            createProduct(sku, 100, "EUR", 40);
            skus.add(sku);
        }
        List<Map<String, Object>> bodies = ConcurrentPlacements.randomMultiLineOrders(skus, 150, 7, 1, 3, 4);

        List<HttpResponse<String>> responses = all(bodies.stream().map(body -> send(body, null)).toList());

        Map<String, Integer> held = new HashMap<>();
        Set<String> placedIds = new HashSet<>();
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> response = responses.get(i);
            assertTrue(response.statusCode() == 201 || response.statusCode() == 409,
                    "placed or short of stock, nothing else: " + response.statusCode() + " " + response.body());
            if (response.statusCode() == 201) {
                placedIds.add((String) JSON.readValue(response.body(), Map.class).get("id"));
                for (Map<?, ?> line : linesOf(bodies.get(i))) {
                    held.merge((String) line.get("sku"), (Integer) line.get("quantity"), Integer::sum);
                }
            }
        }
        assertTrue(placedIds.size() > 20 && placedIds.size() < 150, "some fit, some do not: " + placedIds.size());

        Map<String, Integer> availableAtTheEnd = new HashMap<>();
        for (String sku : skus) {
            List<Integer> stock = stockOf(sku);
            assertEquals(held.getOrDefault(sku, 0), stock.get(1), sku + ": reserved = the accepted orders' lines");
            assertTrue(stock.get(1) <= stock.get(0), sku + " never oversold");
            availableAtTheEnd.put(sku, stock.get(2));
        }
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> response = responses.get(i);
            if (response.statusCode() != 409) {
                continue;
            }
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            List<?> shortages = (List<?>) JSON.readValue(response.body(), Map.class).get("shortages");
            assertFalse(shortages.isEmpty(), "a refusal names its shortages");
            Map<String, Integer> asked = new HashMap<>();
            linesOf(bodies.get(i)).forEach(line -> asked.put((String) line.get("sku"), (Integer) line.get("quantity")));
            for (Object shortage : shortages) {
                assertTrue(asked.containsKey((String) ((Map<?, ?>) shortage).get("sku")), "a shortage names a line of the order");
            }
            assertTrue(asked.entrySet().stream().anyMatch(line -> line.getValue() > availableAtTheEnd.get(line.getKey())),
                    "nothing is refused that could still be served: " + asked + " with " + availableAtTheEnd + " left");
        }
        long inDatabase = new StockLedger(db).count(
                "SELECT count(*) FROM orders WHERE id = ANY(string_to_array(?, ',')::uuid[])", String.join(",", placedIds));
        assertEquals(placedIds.size(), inDatabase, "every 201 is an order in the database");
        new StockLedger(db).assertConsistent(skus.toArray(String[]::new));
    }

    @Test
    void oneIdempotencyKeySentManyTimesAtOnceCreatesOneOrder() throws Exception {
        String sku = newSku("KEY");
        createProduct(sku, 250, "EUR", 100);
        Map<String, Object> body = orderBody(newCustomer(), sku, 2);
        String key = "same-" + sku;
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            inFlight.add(send(body, key));
            inFlight.add(send(orderBody(newCustomer(), sku, 1), null)); // company in the same batches
        }
        List<HttpResponse<String>> responses = all(inFlight);

        Set<Object> ids = new HashSet<>();
        for (int i = 0; i < responses.size(); i += 2) {
            assertEquals(201, responses.get(i).statusCode(), responses.get(i).body());
            ids.add(JSON.readValue(responses.get(i).body(), Map.class).get("id"));
        }
        assertEquals(1, ids.size(), "one order for one key, and every replay answers with it");
        assertEquals(1L, new StockLedger(db).count(
                "SELECT count(*) FROM orders WHERE id = ?::uuid", (String) ids.iterator().next()));
        assertEquals(2 + 30, stockOf(sku).get(1), "the keyed order held once, the others once each");
        new StockLedger(db).assertConsistent(sku);
    }

    @Test
    void oneKeyWithTwoBodiesAtOnceServesTheFirstAndRefusesTheOther() throws Exception {
        String sku = newSku("KEY2");
        createProduct(sku, 250, "EUR", 100);
        String customer = newCustomer();
        Map<String, Object> one = orderBody(customer, sku, 1);
        Map<String, Object> other = orderBody(customer, sku, 3);
        String key = "two-bodies-" + sku;
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inFlight.add(send(one, key));
            inFlight.add(send(other, key));
        }
        List<HttpResponse<String>> responses = all(inFlight);

        Map<Integer, List<Integer>> statusesByBody = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            statusesByBody.computeIfAbsent(i % 2, b -> new ArrayList<>()).add(responses.get(i).statusCode());
        }
        List<Integer> firstBody = statusesByBody.get(0).stream().distinct().toList();
        List<Integer> secondBody = statusesByBody.get(1).stream().distinct().toList();
        assertTrue(firstBody.equals(List.of(201)) && secondBody.equals(List.of(422))
                        || firstBody.equals(List.of(422)) && secondBody.equals(List.of(201)),
                "one body wins, every copy of the other is a reused key: " + statusesByBody);
        int reserved = stockOf(sku).get(1);
        assertTrue(reserved == 1 || reserved == 3, "exactly one order held: " + reserved);
        new StockLedger(db).assertConsistent(sku);
    }

    @Test
    void aDatabaseFailureMidBatchWritesNothingAndTellsNoCaller201() throws Exception {
        injectFailureForChannel(FAILING_CHANNEL);
        String sku = newSku("FAIL");
        createProduct(sku, 100, "EUR", 1000);
        List<String> customers = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String customer = newCustomer();
            customers.add(customer);
            Map<String, Object> body = orderBody(customer, sku, 1);
            body.put("channel", FAILING_CHANNEL);
            inFlight.add(send(body, null));
        }
        List<HttpResponse<String>> responses = all(inFlight);

        for (HttpResponse<String> response : responses) {
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
            assertTrue(response.body().contains("placement-failed"), response.body());
        }
        assertEquals(0L, new StockLedger(db).count(
                "SELECT count(*) FROM orders WHERE customer_id = ANY(string_to_array(?, ','))", String.join(",", customers)));
        assertEquals(List.of(1000, 0, 1000), stockOf(sku), "nothing held");
        assertEquals(0L, new StockLedger(db).count(
                "SELECT count(*) FROM order_events WHERE customer_id = ANY(string_to_array(?, ','))", String.join(",", customers)));
    }

    @Test
    void anOrderTheDatabaseFailsFailsOnlyItselfAndTheRestOfItsBatchIsPlaced() throws Exception {
        injectFailureForChannel(FAILING_CHANNEL);
        String sku = newSku("POISON");
        createProduct(sku, 100, "EUR", 1000);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> body = orderBody(newCustomer(), sku, 1);
            if (i % 10 == 3) {
                body.put("channel", FAILING_CHANNEL);
            }
            bodies.add(body);
        }
        List<HttpResponse<String>> responses = all(bodies.stream().map(body -> send(body, null)).toList());

        int placed = 0;
        for (int i = 0; i < bodies.size(); i++) {
            boolean failing = FAILING_CHANNEL.equals(bodies.get(i).get("channel"));
            assertEquals(failing ? 503 : 201, responses.get(i).statusCode(), responses.get(i).body());
            if (!failing) {
                placed++;
                String id = (String) JSON.readValue(responses.get(i).body(), Map.class).get("id");
                assertEquals(1L, new StockLedger(db).countFor("order_lines", id));
                assertEquals(1L, new StockLedger(db).countFor("order_events", id));
            }
        }
        assertEquals(54, placed);
        assertEquals(List.of(1000, 54, 946), stockOf(sku));
        new StockLedger(db).assertConsistent(sku);
    }

    // ---------------------------------------------------------------- helpers

    private void injectFailureForChannel(String channel) throws SQLException {
        sql("""
                CREATE OR REPLACE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'injected failure for a test';
                END
                $$""");
        sql("CREATE TRIGGER inject_failure BEFORE INSERT ON orders FOR EACH ROW WHEN (NEW.channel = '"
                + channel + "') EXECUTE FUNCTION inject_failure()");
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = db.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static List<Map<?, ?>> linesOf(Map<String, Object> body) {
        return ((List<?>) body.get("lines")).stream().map(line -> (Map<?, ?>) line).collect(Collectors.toList());
    }

    private CompletableFuture<HttpResponse<String>> send(Map<String, Object> body, String idempotencyKey) {
        return placements.send(body, Tokens.staff(), idempotencyKey);
    }
}
