package dev.orderstream.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A merchant's webhook endpoint for tests: a real Vert.x HTTP server on a free port that records
 * every request, verifies its signature with an implementation of the Standard Webhooks spec of its
 * own (not the service's), and answers as the test tells it ({@link #answer}).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(long at, Map<String, String> headers, String body, boolean signatureValid, int answeredWith) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public int sequence() {
            return Integer.parseInt(header("orderstream-sequence"));
        }

        public String orderId() {
            return header("orderstream-order-id");
        }
    }

    /** How to answer one request: a status, headers, and how long to wait first. */
    public record Answer(int status, Map<String, String> headers, long delayMillis) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), 0);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger arrivals = new java.util.concurrent.atomic.AtomicInteger();
    private volatile List<String> secrets = List.of();
    private volatile Function<Received, Answer> answer = request -> Answer.status(200);

    public WebhookReceiver() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks";
    }

    /** The secrets this receiver accepts a signature from (the endpoint's, as its creation answered). */
    public void trust(String... secrets) {
        this.secrets = List.of(secrets);
    }

    public void answer(Function<Received, Answer> answer) {
        this.answer = answer;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What arrived for one order, in arrival order. */
    public List<Received> receivedFor(String orderId) {
        return received.stream().filter(r -> orderId.equals(r.orderId())).toList();
    }

    /** Requests that arrived, answered or not yet. */
    public int arrivals() {
        return arrivals.get();
    }

    private void handle(HttpServerRequest request) {
        arrivals.incrementAndGet();
        request.body().onSuccess(body -> {
            Map<String, String> headers = new TreeMap<>();
            request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
            String text = body.toString(StandardCharsets.UTF_8);
            boolean valid = verify(headers, text);
            Received provisional = new Received(System.nanoTime(), headers, text, valid, 0);
            Answer decided = answer.apply(provisional);
            Runnable reply = () -> {
                received.add(new Received(provisional.at(), headers, text, valid, decided.status()));
                decided.headers().forEach((name, value) -> request.response().putHeader(name, value));
                request.response().setStatusCode(decided.status()).end("answered " + decided.status());
            };
            if (decided.delayMillis() > 0) {
                vertx.setTimer(decided.delayMillis(), id -> reply.run());
            } else {
                reply.run();
            }
        });
    }

    /** The spec's verification: any v1 signature of id.timestamp.body under any trusted secret. */
    private boolean verify(Map<String, String> headers, String body) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
        if (age > 300) {
            return false; // the spec's tolerance against replays
        }
        for (String secret : secrets) {
            byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
            for (String signature : signatures.split(" ")) {
                String[] parts = signature.split(",", 2);
                if (parts.length == 2 && "v1".equals(parts[0])
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
        }
        return false;
    }

    public static byte[] hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        vertx.close();
    }

    public static List<Integer> sequences(List<Received> received) {
        List<Integer> sequences = new ArrayList<>();
        received.forEach(r -> sequences.add(r.sequence()));
        return sequences;
    }
}
