package dev.orderstream.order;

import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.support.ConcurrentPlacements;
import dev.orderstream.support.StockLedger;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static dev.orderstream.support.Api.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrency claims, proven with many simultaneous requests against the real database. */
@QuarkusTest
class ConcurrencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource db = TestDatabase.dataSource();

    private final ConcurrentPlacements placements = new ConcurrentPlacements();

    @Test
    void twoHundredSimultaneousOrdersForFiftyUnitsSellExactlyFifty() throws Exception {
        String hot = newSku("HOT");
        createProduct(hot, 999, "EUR", 50);

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inFlight.add(send(orderBody(newCustomer(), hot, 1)));
        }
        List<HttpResponse<String>> responses = inFlight.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 50L, 409, 150L), byStatus);
        for (HttpResponse<String> refused : responses.stream().filter(r -> r.statusCode() == 409).toList()) {
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            Map<?, ?> problem = JSON.readValue(refused.body(), Map.class);
            List<?> shortages = (List<?>) problem.get("shortages");
            assertEquals(1, shortages.size());
            assertEquals(hot, ((Map<?, ?>) shortages.get(0)).get("sku"));
        }
        assertEquals(List.of(50, 50, 0), stockOf(hot), "never oversold");
        new StockLedger(db).assertConsistent(hot);
    }

    @Test
    void concurrentMultiLineOrdersInRandomLineOrderNeverDeadlock() throws Exception {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String sku = newSku("MULTI" + i);
            createProduct(sku, 100, "EUR", 120);
            skus.add(sku);
        }
        List<Map<String, Object>> bodies = ConcurrentPlacements.randomMultiLineOrders(skus, 100, 42, 2, 4, 3);

        List<CompletableFuture<HttpResponse<String>>> inFlight = bodies.stream().map(this::send).toList();
        List<HttpResponse<String>> responses = inFlight.stream().map(CompletableFuture::join).toList();

        assertTrue(responses.stream().allMatch(r -> r.statusCode() == 201 || r.statusCode() == 409),
                "only placed or short of stock, never a 500 or a deadlock: "
                        + responses.stream().map(HttpResponse::statusCode).distinct().toList());
        Map<String, Integer> expectedHeld = new HashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            if (responses.get(i).statusCode() == 201) {
                for (Object line : (List<?>) bodies.get(i).get("lines")) {
                    Map<?, ?> l = (Map<?, ?>) line;
                    expectedHeld.merge((String) l.get("sku"), (Integer) l.get("quantity"), Integer::sum);
                }
            }
        }
        assertTrue(responses.stream().filter(r -> r.statusCode() == 201).count() > 50, "most orders fit");
        for (String sku : skus) {
            List<Integer> stock = stockOf(sku);
            assertEquals(expectedHeld.getOrDefault(sku, 0), stock.get(1), sku + " reserved = units of placed orders");
            assertTrue(stock.get(1) <= 120);
        }
        new StockLedger(db).assertConsistent(skus.toArray(String[]::new));
    }

    private CompletableFuture<HttpResponse<String>> send(Map<String, Object> body) {
        return placements.send(body, Tokens.customer((String) body.get("customerId")), null);
    }
}
