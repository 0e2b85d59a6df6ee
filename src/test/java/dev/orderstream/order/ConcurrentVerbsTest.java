package dev.orderstream.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.support.StockLedger;
import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.orderstream.support.Api.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifecycle verbs racing on one order: whichever wins, every loser is answered with a 409 problem
 * (the change it raced, or the rule it now breaks) or the 422 of a rule it now breaks, never a 500,
 * and nothing is logged as an ERROR; the stock and the order agree afterwards.
 */
@QuarkusTest
class ConcurrentVerbsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RACERS = 6;

    private final DataSource db = TestDatabase.dataSource();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final Handler errorLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private StockLedger ledger;
    private String shirt;

    record Answer(int status, String contentType, String body) {
        String problemType() {
            return JsonPath.from(body).getString("type");
        }
    }

    @BeforeEach
    void setUp() {
        ledger = new StockLedger(db);
        shirt = newSku("RACE");
        createProduct(shirt, 2500, "EUR", 100);
        Logger.getLogger("").addHandler(errorLog);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(errorLog);
    }

    @Test
    void fulfillAgainstFulfill() {
        String id = paidOrder(shirt, 2);
        List<Answer> answers = race(i -> post(id, "/fulfillments", Map.of("lines", lines(shirt, 2), "carrier", "DHL",
                "trackingNumber", "RACE-" + i)), RACERS);
        assertOneWinner(answers);
        assertEquals(1, order(id).getList("fulfillments").size());
        assertClean();
    }

    @Test
    void fulfillAgainstCancel() {
        String id = paidOrder(shirt, 2);
        List<Answer> answers = race(i -> i == 0
                ? post(id, "/cancellation", Map.of("reason", "CUSTOMER"))
                : post(id, "/fulfillments", Map.of("lines", lines(shirt, 2), "carrier", "DHL", "trackingNumber", "RACE-" + i)),
                RACERS);
        assertOneWinner(answers);
        assertClean();
    }

    @Test
    void cancelAgainstRefund() {
        String id = paidOrder(shirt, 2);
        List<Answer> answers = race(i -> i % 2 == 0
                ? post(id, "/cancellation", Map.of("reason", "CUSTOMER"))
                : post(id, "/refunds", Map.of("amount", Map.of("amount", 5000, "currency", "EUR"), "reason", "goodwill")),
                RACERS);
        assertNoFailureOfTheServer(answers);
        assertTrue(answers.stream().anyMatch(answer -> answer.status() == 200), answers.toString());
        JsonPath order = order(id);
        assertTrue(order.getLong("paid.refunded.amount") <= order.getLong("paid.captured.amount"), "never over-refunded");
        assertClean();
    }

    @Test
    void captureAgainstVoid() {
        JsonPath placed = placeOk(orderBody(newCustomer(), shirt, 2));
        String id = placed.getString("id");
        pay(id, "AUTHORIZATION", 5000, "auth-" + id).statusCode(200);
        List<Answer> answers = race(i -> post(id, "/payments", Map.of("kind", i % 2 == 0 ? "CAPTURE" : "VOID",
                "amount", Map.of("amount", 5000, "currency", "EUR"), "provider", "psp", "reference", "race-" + i)), RACERS);
        assertOneWinner(answers);
        JsonPath order = order(id);
        assertEquals(5000, order.getLong("paid.captured.amount") + order.getLong("paid.voided.amount"),
                "the authorization captured or voided, once");
        assertClean();
    }

    @Test
    void returnAgainstReturn() {
        String id = paidOrder(shirt, 2);
        fulfill(id, "T-" + id, shirt, 2).statusCode(200);
        List<Answer> answers = race(i -> post(id, "/returns", Map.of("lines", lines(shirt, 2), "reason", "too small")),
                RACERS);
        assertOneWinner(answers);
        assertEquals(1, order(id).getList("returns").size());
        assertClean();
    }

    @Test
    void receiptAgainstReceipt() {
        String id = paidOrder(shirt, 2);
        fulfill(id, "T-" + id, shirt, 2).statusCode(200);
        String returnId = requestReturn(id, shirt, 2).statusCode(200).extract().path("returns[0].id");
        int onHand = stockOf(shirt).get(0);
        List<Answer> answers = race(i -> post(id, "/returns/" + returnId + "/receipt", Map.of("restock", true)), RACERS);
        assertNoFailureOfTheServer(answers);
        assertTrue(answers.stream().anyMatch(answer -> answer.status() == 200), answers.toString());
        assertEquals(onHand + 2, stockOf(shirt).get(0), "restocked once");
        assertClean();
    }

    // ---------------------------------------------------------------- helpers

    private void assertOneWinner(List<Answer> answers) {
        assertNoFailureOfTheServer(answers);
        assertEquals(1, answers.stream().filter(answer -> answer.status() == 200).count(), "exactly one winner: " + answers);
    }

    /** Every answer a success or a conflict or rule as a problem: never a 500. */
    private static void assertNoFailureOfTheServer(List<Answer> answers) {
        for (Answer answer : answers) {
            assertTrue(Set.of(200, 409, 422).contains(answer.status()), "never a failure of the server: " + answer);
            if (answer.status() != 200) {
                assertEquals("application/problem+json", answer.contentType(), answer.toString());
            }
        }
    }

    private void assertClean() {
        ledger.assertConsistent(shirt);
        assertEquals(List.of(), List.copyOf(errors), "no ERROR logged");
    }

    private HttpRequest post(String orderId, String path, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/orders/" + orderId + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", Tokens.bearer(Tokens.staff()))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code count} requests at once and answers what each got. */
    private List<Answer> race(java.util.function.IntFunction<HttpRequest> request, int count) {
        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            racing.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()));
        }
        return racing.stream().map(CompletableFuture::join)
                .map(response -> new Answer(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), response.body()))
                .toList();
    }
}
