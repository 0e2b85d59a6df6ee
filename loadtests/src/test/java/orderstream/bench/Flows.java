package orderstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.Session;

/**
 * Times whole flows of several requests (a checkout), which Gatling's own figures do not: each
 * virtual user marks its start, and at its end one completed flow (with its duration) or one failed
 * flow is counted. {@link #write} puts the figures in the file {@code flowsOut} names, one line:
 * {@code "completed failed orders_per_s p50_ms p99_ms max_ms"}, where orders per second are the
 * completed flows over the time from the first flow's start to the last one's end; then why flows
 * failed, one line per reason, most frequent first: {@code "count<TAB>reason"}. A failed flow's
 * reason is the call that failed, its status and the message of its answer, where the simulation
 * kept them in the session ({@code step}, {@code status}, {@code answer}).
 */
final class Flows {

    private static final ConcurrentLinkedQueue<Long> DURATIONS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicLong FIRST_START = new AtomicLong(Long.MAX_VALUE);
    private static final AtomicLong LAST_END = new AtomicLong(Long.MIN_VALUE);
    private static final Map<String, AtomicInteger> REASONS = new ConcurrentHashMap<>();
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{0,160})");

    private Flows() {
    }

    static long start() {
        return System.nanoTime();
    }

    static void end(long startedAt, Session session) {
        long now = System.nanoTime();
        FIRST_START.accumulateAndGet(startedAt, Math::min);
        LAST_END.accumulateAndGet(now, Math::max);
        if (session.isFailed()) {
            FAILED.incrementAndGet();
            REASONS.computeIfAbsent(reason(session), r -> new AtomicInteger()).incrementAndGet();
        } else {
            DURATIONS.add(now - startedAt);
        }
    }

    static void write() {
        String target = System.getProperty("flowsOut");
        if (target == null) {
            return;
        }
        List<Long> sorted = new ArrayList<>(DURATIONS);
        sorted.sort(null);
        int completed = sorted.size();
        double seconds = completed == 0 ? 1 : (LAST_END.get() - FIRST_START.get()) / 1e9;
        String line = String.format("%d %d %.1f %d %d %d%n", completed, FAILED.get(), completed / seconds,
                millis(sorted, 0.50), millis(sorted, 0.99), completed == 0 ? -1 : sorted.get(completed - 1) / 1_000_000);
        StringBuilder reasons = new StringBuilder();
        REASONS.entrySet().stream()
                .sorted((a, b) -> b.getValue().get() - a.getValue().get())
                .forEach(e -> reasons.append(e.getValue().get()).append('\t').append(e.getKey()).append('\n'));
        try {
            Files.writeString(Path.of(target), line + reasons);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reason(Session session) {
        if (!session.contains("step")) {
            return "failed (see Gatling's errors)";
        }
        String answer = session.contains("answer") ? session.getString("answer") : "";
        Matcher message = MESSAGE.matcher(answer == null ? "" : answer);
        return session.getString("step") + ": " + (session.contains("status") ? session.getInt("status") : "no answer")
                + (message.find() ? " " + message.group(1) : "");
    }

    private static long millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) (quantile * sorted.size()))) / 1_000_000;
    }
}
