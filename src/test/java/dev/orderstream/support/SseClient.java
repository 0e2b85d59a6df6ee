package dev.orderstream.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A real streaming SSE client for tests: it parses the {@code text/event-stream} as it arrives on
 * a thread of its own and queues events and comment lines for the test to take.
 */
public final class SseClient implements AutoCloseable {

    /** One frame: an event (id, type, data) or a comment (heartbeat). */
    public record Frame(String id, String event, String data, String comment) {
        public boolean isComment() {
            return comment != null;
        }
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private volatile IOException cut;
    private final InputStream body;
    private final int status;
    private final Thread reader;
    private final java.net.http.HttpHeaders headers;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.headers = response.headers();
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static SseClient connect(String url) {
        return connect(url, null);
    }

    public static SseClient connect(String url, String lastEventId) {
        return connect(url, lastEventId, Tokens.staff());
    }

    /** Connects with {@code token} as bearer (null: no token at all). */
    public static SseClient connect(String url, String lastEventId, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30))
                    .GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            if (token != null) {
                request.header("Authorization", Tokens.bearer(token));
            }
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseClient(response);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response header, or empty. */
    public String header(String name) {
        return headers.firstValue(name).orElse("");
    }

    public int status() {
        return status;
    }

    /** The next event (comments skipped), waiting at most {@code timeout}; null if none came. */
    public Frame nextEvent(Duration timeout) {
        return next(frame -> !frame.isComment(), timeout);
    }

    /** The next frame matching {@code wanted}, skipping others, waiting at most {@code timeout}. */
    public Frame next(Predicate<Frame> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                Frame frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    return null;
                }
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Events until {@code count} were taken or {@code timeout} passed. */
    public List<Frame> events(int count, Duration timeout) {
        List<Frame> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            Frame frame = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame == null) {
                break;
            }
            events.add(frame);
        }
        return events;
    }

    public boolean hasEnded() {
        return ended.get();
    }

    /**
     * Whether the server ended the stream properly (the chunked body's last chunk arrived), as
     * opposed to the connection being cut mid-stream; false while it is still open.
     */
    public boolean endedCleanly() {
        return ended.get() && cut == null && !closedByUs.get();
    }

    /** Why the stream broke off, if the server cut it; null otherwise. */
    public IOException cut() {
        return cut;
    }

    @Override
    public void close() {
        closedByUs.set(true);
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
        reader.interrupt();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || event != null) {
                        frames.add(new Frame(id, event, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, null, line.substring(1)));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String chunk = line.substring(5);
                    chunk = chunk.startsWith(" ") ? chunk.substring(1) : chunk;
                    data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
                }
            }
        } catch (IOException e) {
            if (!closedByUs.get()) {
                cut = e;
            }
        } finally {
            ended.set(true);
        }
    }
}
