package orderstream.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE fan-out: {@code subscribers} clients (default 10,000) follow {@code GET /events} while orders
 * are placed at {@code rate} per second (default 20) for {@code seconds} (default 15). For every
 * event at every subscriber it records the time from the event's {@code occurredAt} (taken in the
 * writing transaction, just before commit) to its arrival, and prints one line:
 * {@code subscribers delivered expected p50_ms p99_ms max_ms rss_kib}. Plain JDK, no Gatling: run
 * with {@code java -cp target/test-classes orderstream.bench.SseFanout} and the same -D parameters
 * as the simulations ({@code baseUrl}, {@code token}), plus {@code servicePid} for the RSS reading.
 */
public final class SseFanout {

    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int subscribers = Integer.getInteger("subscribers", 10_000);
        int rate = Integer.getInteger("rate", 20);
        int seconds = Integer.getInteger("seconds", 15);
        String pid = System.getProperty("servicePid", "");
        String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
        String token = System.getProperty("token", "");
        int skus = Integer.getInteger("skus", 10_000);
        if (!baseUrl.startsWith("http://localhost") && !baseUrl.startsWith("http://127.0.0.1")) {
            throw new IllegalArgumentException("the benchmark only targets localhost");
        }
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(callbacks).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        AtomicLongArray histogram = new AtomicLongArray(60_001); // per millisecond up to 60 s
        AtomicLong delivered = new AtomicLong();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();

        HttpRequest follow = HttpRequest.newBuilder(URI.create(baseUrl + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            streams.add(client.sendAsync(follow, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                boolean seen;

                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                public void onNext(String line) {
                    if (!seen) {
                        seen = true;
                        connected.incrementAndGet();
                    }
                    if (line.startsWith("data:")) {
                        Matcher at = OCCURRED_AT.matcher(line);
                        if (at.find()) {
                            long ms = Duration.between(Instant.parse(at.group(1)), Instant.now()).toMillis();
                            histogram.incrementAndGet((int) Math.max(0, Math.min(60_000, ms)));
                            delivered.incrementAndGet();
                        }
                    }
                }

                public void onError(Throwable throwable) {
                }

                public void onComplete() {
                }
            })).exceptionally(failure -> {
                failed.incrementAndGet();
                return null;
            }));
            if (i % 500 == 499) {
                Thread.sleep(50); // do not flood the accept queue
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (connected.get() + failed.get() < subscribers && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.err.printf("connected %d of %d (%d failed)%n", connected.get(), subscribers, failed.get());

        HttpRequest.Builder place = HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        int orders = rate * seconds;
        AtomicInteger placed = new AtomicInteger();
        long rssPeak = 0;
        long start = System.nanoTime();
        for (int i = 0; i < orders; i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(i * 1000L / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            client.sendAsync(place.POST(HttpRequest.BodyPublishers.ofString(
                            Orders.body("fanout-" + i, Orders.twoSkus(skus)))).build(), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(response -> {
                        if (response.statusCode() == 201) {
                            placed.incrementAndGet();
                        }
                    });
            if (i % rate == 0) {
                rssPeak = Math.max(rssPeak, rssKib(pid));
            }
        }
        long expectedDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < expectedDeadline
                && delivered.get() < (long) placed.get() * connected.get()) {
            Thread.sleep(100);
            rssPeak = Math.max(rssPeak, rssKib(pid));
        }
        long expected = (long) placed.get() * connected.get();
        System.out.printf("%d %d %d %d %d %d %d%n", connected.get(), delivered.get(), expected,
                percentile(histogram, delivered.get(), 0.50), percentile(histogram, delivered.get(), 0.99),
                percentile(histogram, delivered.get(), 1.0), rssPeak);
        System.exit(0);
    }

    private static long percentile(AtomicLongArray histogram, long total, double p) {
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int ms = 0; ms < histogram.length(); ms++) {
            seen += histogram.get(ms);
            if (seen >= rank) {
                return ms;
            }
        }
        return histogram.length() - 1;
    }

    private static long rssKib(String pid) {
        if (pid.isEmpty()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception ignored) {
            // the process is gone
        }
        return -1;
    }
}
