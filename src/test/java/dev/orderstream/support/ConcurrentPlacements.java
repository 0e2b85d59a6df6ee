package dev.orderstream.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Many placements in flight at once, for the concurrency tests: each is sent without waiting for
 * the others (the JDK client, not RestAssured, which would send them one by one).
 */
public final class ConcurrentPlacements {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Sends one placement as {@code token}, with an Idempotency-Key unless it is null. */
    public CompletableFuture<HttpResponse<String>> send(Map<String, Object> body, String token, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/orders"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", Tokens.bearer(token))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every answer, in the order the requests were sent. */
    public static List<HttpResponse<String>> all(List<CompletableFuture<HttpResponse<String>>> inFlight) {
        return inFlight.stream().map(CompletableFuture::join).toList();
    }

    /**
     * {@code count} placement bodies, each for a new customer, of {@code minLines} to {@code maxLines}
     * distinct SKUs in random order with 1 to {@code maxQuantity} units each.
     */
    public static List<Map<String, Object>> randomMultiLineOrders(List<String> skus, int count, long seed, int minLines,
                                                                  int maxLines, int maxQuantity) {
        Random random = new Random(seed);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> shuffled = new ArrayList<>(skus);
            Collections.shuffle(shuffled, random);
            int lines = minLines + random.nextInt(maxLines - minLines + 1);
            Object[] skuAndQuantity = new Object[lines * 2];
            for (int l = 0; l < lines; l++) {
                skuAndQuantity[l * 2] = shuffled.get(l);
                skuAndQuantity[l * 2 + 1] = 1 + random.nextInt(maxQuantity);
            }
            bodies.add(Api.orderBody(Api.newCustomer(), skuAndQuantity));
        }
        return bodies;
    }
}
