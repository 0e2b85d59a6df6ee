package orderstream.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency under an open model, without Gatling: placements ({@code POST /orders}, two random SKUs,
 * as {@link LatencySimulation}) are due at a constant {@code rate} per second for {@code leadIn}
 * plus {@code duration} seconds, whatever the answers take, and each is timed from the moment it
 * was <em>due</em> to its answer's last byte. A late send (this probe's own pause, a full
 * connection pool) therefore counts against the figure, never hides from it (no coordinated
 * omission). The first {@code leadIn} seconds are sent but not timed.
 *
 * <p>Why not Gatling for this: on this two-core box the generator shares the CPU with the service
 * and PostgreSQL. Gatling (its JVM, launched by Maven, and its per-request machinery) cost more
 * CPU than the service itself at half the placement maximum (bench results 2026-12-04: load
 * generator 30 s of CPU against the service's 24 s), so the latency row measured the box's
 * saturation. This probe is one sending thread that sleeps until each placement is due, and the
 * JDK's HTTP client (HTTP/1.1, kept-alive connections) on two callback threads; its own CPU time is
 * printed so the row can show it.
 *
 * <p>Prints one line: {@code completed failed rate p50_ms p99_ms max_ms whole_p99_ms probe_cpu_ms
 * send_lag_max_ms}: the timed placements answered 201, the timed ones that were not (an other
 * status or no answer within 30 s), their rate over the timed window, their p50/p99/max, the p99
 * over every placement (lead-in included), this JVM's CPU time, and the most any send left after
 * it was due. Failures by reason go to stderr.
 *
 * <p>Parameters (Java system properties): {@code baseUrl} [http://localhost:8080, localhost only],
 * {@code token} [a staff bearer token], {@code skus} [10000], {@code rate} [200/s], {@code duration}
 * [30 s], {@code leadIn} [5 s], {@code customerPrefix} [latency-].
 */
public final class OpenLoad {

    /** Per 0.1 ms up to 60 s; answers slower than that count in the last bucket. */
    private static final int BUCKETS = 600_001;

    public static void main(String[] args) throws Exception {
        String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
        if (!baseUrl.startsWith("http://localhost") && !baseUrl.startsWith("http://127.0.0.1")) {
            throw new IllegalArgumentException("the benchmark only targets localhost, not " + baseUrl);
        }
        String token = System.getProperty("token", "");
        int skus = Integer.getInteger("skus", 10_000);
        double rate = Double.parseDouble(System.getProperty("rate", "200"));
        int duration = Integer.getInteger("duration", 30);
        int leadIn = Integer.getInteger("leadIn", 5);
        String prefix = System.getProperty("customerPrefix", "latency-");

        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().executor(callbacks).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder place = HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json");

        AtomicLongArray timed = new AtomicLongArray(BUCKETS);
        AtomicLongArray whole = new AtomicLongArray(BUCKETS);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();

        long total = Math.round(rate * (leadIn + duration));
        long untimed = Math.round(rate * leadIn);
        double period = 1e9 / rate;
        long sendLagMax = 0;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * period);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sendLagMax = Math.max(sendLagMax, -wait);
            boolean isTimed = i >= untimed;
            client.sendAsync(place.POST(HttpRequest.BodyPublishers.ofString(
                            Orders.body(prefix + i % 10_000, Orders.twoSkus(skus)))).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        long now = System.nanoTime();
                        int bucket = (int) Math.min(BUCKETS - 1, (now - due) / 100_000);
                        boolean ok = response != null && response.statusCode() == 201;
                        if (ok) {
                            whole.incrementAndGet(bucket);
                        }
                        if (isTimed) {
                            if (ok) {
                                timed.incrementAndGet(bucket);
                                completed.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                String reason = failure != null ? failure.getClass().getSimpleName()
                                        : "status " + response.statusCode() + ": " + abbreviate(response.body());
                                reasons.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
                            }
                            lastAnswer.accumulateAndGet(now, Math::max);
                        }
                        answered.incrementAndGet();
                    });
        }
        long timedFrom = start + (long) (untimed * period);
        long answeredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
        while (answered.get() < total && System.nanoTime() < answeredBy) {
            Thread.sleep(20);
        }
        int unanswered = (int) (total - answered.get());
        if (unanswered > 0) {
            reasons.computeIfAbsent("no answer", r -> new AtomicInteger()).addAndGet(unanswered);
        }
        double seconds = Math.max(1e-3, (lastAnswer.get() - timedFrom) / 1e9);
        long cpuMillis = TimeUnit.NANOSECONDS.toMillis(
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
        reasons.forEach((reason, count) -> System.err.println(count + "\t" + reason));
        System.out.printf("%d %d %.1f %s %s %s %s %d %d%n", completed.get(), failed.get() + unanswered,
                completed.get() / seconds, millis(timed, 0.50), millis(timed, 0.99), millis(timed, 1.0),
                millis(whole, 0.99), cpuMillis, TimeUnit.NANOSECONDS.toMillis(sendLagMax));
        System.exit(0);
    }

    /** The quantile of a 0.1 ms histogram, in milliseconds with one decimal; -1 when empty. */
    static String millis(AtomicLongArray histogram, double quantile) {
        long count = 0;
        for (int i = 0; i < histogram.length(); i++) {
            count += histogram.get(i);
        }
        if (count == 0) {
            return "-1";
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return String.format("%.1f", (i + 1) / 10.0);
            }
        }
        return "-1";
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 160 ? body.substring(0, 160) : body;
    }
}
