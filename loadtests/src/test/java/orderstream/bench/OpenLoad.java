package orderstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Latency under an open model, without Gatling: placements ({@code POST /orders}, two random SKUs,
 * as {@link LatencySimulation}) are due at a constant {@code rate} per second for {@code leadIn}
 * plus {@code duration} seconds, whatever the answers take, and each is timed from the moment it
 * was <em>due</em> to its answer's last byte. A late send (this probe's own pause, every connection
 * busy) therefore counts against the figure, never hides from it (no coordinated omission). The
 * first {@code leadIn} seconds are sent but not timed.
 *
 * <p>Why not Gatling for this: on this two-core box the generator shares the CPU with the service
 * and PostgreSQL, and Gatling (its JVM, launched by Maven, and its per-request machinery) cost as
 * much CPU as the service at half the placement maximum (bench 2026-12-04-0417: 22.8 s against the
 * service's 21.1 s; the JDK's own HTTP client, tried first, 25.5 s). So the latency row measured the
 * box's saturation. This probe is one thread on one NIO selector speaking plain HTTP/1.1 over
 * kept-alive connections (a new one opened only when every open one is busy, up to
 * {@code connections}): it writes a prepared request, reads the status line and the
 * {@code Content-Length} (or the chunked body's end), and records the time. Its own CPU time is
 * printed so that the row can show it.
 *
 * <p>Prints one line: {@code completed failed rate p50_ms p99_ms max_ms whole_p99_ms probe_cpu_ms
 * send_lag_max_ms connections}: the timed placements answered 201, the timed ones that were not
 * (another status, a broken connection, or no answer within 30 s of the last send), their rate over
 * the timed window, their p50/p99/max, the p99 over every placement (lead-in included), this JVM's
 * CPU time, the most any send left after it was due, and the connections opened. Failures by
 * reason go to stderr, and so does, per second of when they were due, the count of answers slower
 * than {@code slowMs}: whether a p99 was made in a few bad seconds or spread over all of them.
 *
 * <p>Parameters (Java system properties): {@code baseUrl} [http://localhost:8080, localhost only],
 * {@code token} [a staff bearer token], {@code skus} [10000], {@code rate} [200/s], {@code duration}
 * [30 s], {@code leadIn} [5 s], {@code customerPrefix} [latency-], {@code connections} [512], {@code slowMs} [25],
 * {@code traceOut} [none: a file for every answer's due time and duration, see {@link #writeTrace}].
 */
public final class OpenLoad {

    /** Per 0.1 ms up to 60 s; answers slower than that count in the last bucket. */
    private static final int BUCKETS = 600_001;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CHUNKED_END = {'0', '\r', '\n', '\r', '\n'};

    private final InetSocketAddress address;
    private final String head;
    private final String prefix;
    private final int skus;
    private final int maxConnections;
    private final Selector selector;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final long[] timed = new long[BUCKETS];
    private final long[] whole = new long[BUCKETS];
    private final Map<String, Integer> reasons = new HashMap<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private int opened;
    private int open;
    private long completed;
    private long failed;
    private long answered;
    private long lastTimedAnswer;
    /** When the first placement was due; and, per second from then, the answers slower than {@code slowMs}. */
    private long origin;
    private long originEpochMillis;
    private final long slowNanos = TimeUnit.MILLISECONDS.toNanos(Long.getLong("slowMs", 25));
    private final int[] slowPerSecond = new int[3600];
    /** With {@code traceOut}: per answer, when it was due (ns after {@code origin}) and how long it took (ns); written at the end. */
    private java.nio.file.Path traceOut;
    private long[] traceDue;
    private long[] traceTook;
    private int traced;

    /** One placement: when it was due and whether it counts. */
    private record Request(long due, boolean timed, byte[] bytes) {
    }

    /** A kept-alive connection: at most one request in flight, its answer read as it comes. */
    private static final class Connection {
        final SocketChannel channel;
        SelectionKey key;
        Request request;
        ByteBuffer unsent;
        byte[] answer = new byte[4096];
        int length;
        int bodyStart = -1;
        int contentLength = -1;
        boolean chunked;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private OpenLoad(InetSocketAddress address, String host, String token, String prefix, int skus,
                     int maxConnections) throws IOException {
        this.address = address;
        this.head = "POST /orders HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ";
        this.prefix = prefix;
        this.skus = skus;
        this.maxConnections = maxConnections;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
        if (!baseUrl.startsWith("http://localhost") && !baseUrl.startsWith("http://127.0.0.1")) {
            throw new IllegalArgumentException("the benchmark only targets localhost, not " + baseUrl);
        }
        URI base = URI.create(baseUrl);
        OpenLoad load = new OpenLoad(new InetSocketAddress(base.getHost(), base.getPort()), base.getHost() + ":" + base.getPort(),
                System.getProperty("token", ""), System.getProperty("customerPrefix", "latency-"),
                Integer.getInteger("skus", 10_000), Integer.getInteger("connections", 512));
        double rate = Double.parseDouble(System.getProperty("rate", "200"));
        int duration = Integer.getInteger("duration", 30);
        int leadIn = Integer.getInteger("leadIn", 5);
        if (System.getProperty("traceOut") != null) {
            load.traceOut = java.nio.file.Path.of(System.getProperty("traceOut"));
            int capacity = (int) Math.round(rate * (leadIn + duration)) + 1;
            load.traceDue = new long[capacity];
            load.traceTook = new long[capacity];
        }
        load.run(rate, leadIn, duration);
    }

    /**
     * The trace: a first line {@code # origin_epoch_ms <ms>}, then per answer {@code due_ms took_ms}, due counted
     * from the origin (when the first placement was due): to line answers up with what else the machine logged.
     */
    private void writeTrace(java.nio.file.Path path) throws IOException {
        StringBuilder out = new StringBuilder(traced * 24 + 64);
        out.append("# origin_epoch_ms ").append(originEpochMillis).append('\n');
        for (int i = 0; i < traced; i++) {
            out.append(String.format(Locale.ROOT, "%.3f %.3f%n", traceDue[i] / 1e6, traceTook[i] / 1e6));
        }
        java.nio.file.Files.writeString(path, out);
    }

    private void run(double rate, int leadIn, int duration) throws IOException {
        long total = Math.round(rate * (leadIn + duration));
        long untimed = Math.round(rate * leadIn);
        double period = 1e9 / rate;
        long sendLagMax = 0;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        origin = start;
        originEpochMillis = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(start - System.nanoTime());
        long timedFrom = start + (long) (untimed * period);
        long sent = 0;
        while (sent < total) {
            long due = start + (long) (sent * period);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                // epoll waits in whole milliseconds: round up, so that nothing spins; the send may
                // leave up to a millisecond after it was due, and that counts in its time
                selector.select((wait + 999_999) / 1_000_000);
            } else {
                selector.selectNow();
            }
            handleReady();
            long now = System.nanoTime();
            while (sent < total && (due = start + (long) (sent * period)) <= now) {
                sendLagMax = Math.max(sendLagMax, now - due);
                byte[] body = Orders.body(prefix + sent % 10_000, Orders.twoSkus(skus)).getBytes(StandardCharsets.UTF_8);
                byte[] headers = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] bytes = Arrays.copyOf(headers, headers.length + body.length);
                System.arraycopy(body, 0, bytes, headers.length, body.length);
                send(new Request(due, sent >= untimed, bytes));
                sent++;
            }
        }
        long answeredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered < total && System.nanoTime() < answeredBy) {
            selector.select(10);
            handleReady();
        }
        long unanswered = total - answered;
        if (unanswered > 0) {
            reasons.merge("no answer within 30 s", (int) unanswered, Integer::sum);
        }
        double seconds = Math.max(1e-3, (lastTimedAnswer - timedFrom) / 1e9);
        long cpuMillis = TimeUnit.NANOSECONDS.toMillis(
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
        reasons.forEach((reason, count) -> System.err.println(count + "\t" + reason));
        System.err.printf("sent %d (%d timed), %d connections opened; this probe's CPU %d ms%n", total, total - untimed,
                opened, cpuMillis);
        StringBuilder slow = new StringBuilder();
        for (int second = 0; second < Math.min(slowPerSecond.length, leadIn + duration); second++) {
            slow.append(second == leadIn ? " | " : " ").append(slowPerSecond[second]);
        }
        System.err.printf("answers slower than %d ms, per second of when they were due (the lead-in before the |):%s%n",
                TimeUnit.NANOSECONDS.toMillis(slowNanos), slow);
        System.out.printf("%d %d %.1f %s %s %s %s %d %d %d%n", completed, failed + unanswered, completed / seconds,
                millis(timed, 0.50), millis(timed, 0.99), millis(timed, 1.0), millis(whole, 0.99), cpuMillis,
                TimeUnit.NANOSECONDS.toMillis(sendLagMax), opened);
        System.out.flush();
        if (traceOut != null) {
            writeTrace(traceOut);
        }
        System.exit(0);
    }

    /** On an idle connection, a new one, or (every connection busy, none more allowed) the next free one. */
    private void send(Request request) throws IOException {
        Connection connection = idle.pollFirst();
        if (connection != null) {
            start(connection, request);
        } else if (open < maxConnections) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection = new Connection(channel);
            connection.request = request;
            opened++;
            open++;
            if (channel.connect(address)) {
                connection.key = channel.register(selector, 0, connection);
                start(connection, request);
            } else {
                connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
            }
        } else {
            waiting.addLast(request);
        }
    }

    private void start(Connection connection, Request request) throws IOException {
        connection.request = request;
        connection.length = 0;
        connection.bodyStart = -1;
        connection.contentLength = -1;
        connection.chunked = false;
        connection.unsent = ByteBuffer.wrap(request.bytes());
        connection.channel.write(connection.unsent);
        connection.key.interestOps(connection.unsent.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void handleReady() throws IOException {
        for (SelectionKey key : selector.selectedKeys()) {
            Connection connection = (Connection) key.attachment();
            try {
                if (key.isConnectable()) {
                    connection.channel.finishConnect();
                    start(connection, connection.request);
                    continue;
                }
                if (key.isWritable()) {
                    connection.channel.write(connection.unsent);
                    if (!connection.unsent.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isReadable()) {
                    read(connection);
                }
            } catch (IOException e) {
                broken(connection, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        selector.selectedKeys().clear();
    }

    private void read(Connection connection) throws IOException {
        in.clear();
        int read = connection.channel.read(in);
        if (read < 0) {
            throw new IOException("closed by the server");
        }
        in.flip();
        if (connection.length + read > connection.answer.length) {
            connection.answer = Arrays.copyOf(connection.answer, Math.max(connection.answer.length * 2,
                    connection.length + read));
        }
        in.get(connection.answer, connection.length, read);
        int from = Math.max(0, connection.length - 3);
        connection.length += read;
        byte[] answer = connection.answer;
        if (connection.bodyStart < 0) {
            int end = indexOf(answer, from, connection.length, HEAD_END);
            if (end < 0) {
                return;
            }
            connection.bodyStart = end + HEAD_END.length;
            String headers = new String(answer, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int at = headers.indexOf("\ncontent-length:");
            if (at >= 0) {
                int eol = headers.indexOf('\r', at + 1);
                connection.contentLength = Integer.parseInt(headers.substring(at + 16, eol < 0 ? headers.length() : eol).trim());
            } else {
                connection.chunked = headers.contains("\ntransfer-encoding: chunked");
                if (!connection.chunked) {
                    throw new IOException("an answer without Content-Length or chunked body");
                }
            }
        }
        boolean complete = connection.chunked
                ? connection.length - connection.bodyStart >= CHUNKED_END.length
                  && indexOf(answer, connection.length - CHUNKED_END.length, connection.length, CHUNKED_END) >= 0
                : connection.length - connection.bodyStart >= connection.contentLength;
        if (!complete) {
            return;
        }
        long now = System.nanoTime();
        Request request = connection.request;
        int status = (answer[9] - '0') * 100 + (answer[10] - '0') * 10 + (answer[11] - '0');
        int bucket = (int) Math.min(BUCKETS - 1, (now - request.due()) / 100_000);
        answered++;
        if (status == 201) {
            whole[bucket]++;
        }
        if (traceDue != null && traced < traceDue.length) {
            traceDue[traced] = request.due() - origin;
            traceTook[traced++] = now - request.due();
        }
        if (now - request.due() > slowNanos) {
            slowPerSecond[(int) Math.min(slowPerSecond.length - 1, (request.due() - origin) / 1_000_000_000L)]++;
        }
        if (request.timed()) {
            lastTimedAnswer = Math.max(lastTimedAnswer, now);
            if (status == 201) {
                timed[bucket]++;
                completed++;
            } else {
                failed++;
                String body = new String(answer, connection.bodyStart, Math.min(160, connection.length - connection.bodyStart),
                        StandardCharsets.UTF_8);
                reasons.merge("status " + status + ": " + body, 1, Integer::sum);
            }
        }
        connection.request = null;
        Request next = waiting.pollFirst();
        if (next != null) {
            start(connection, next);
        } else {
            connection.key.interestOps(0);
            idle.addFirst(connection);
        }
    }

    /** A connection that failed: its request counts as failed (if timed), and it is not used again. */
    private void broken(Connection connection, String reason) throws IOException {
        connection.key.cancel();
        connection.channel.close();
        open--;
        idle.remove(connection);
        if (connection.request != null) {
            answered++;
            if (connection.request.timed()) {
                failed++;
                reasons.merge(reason, 1, Integer::sum);
            }
            connection.request = null;
        }
        Request next = waiting.pollFirst();
        if (next != null) {
            send(next);
        }
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (bytes[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The quantile of a 0.1 ms histogram, in milliseconds with one decimal; -1 when empty. */
    static String millis(long[] histogram, double quantile) {
        long count = 0;
        for (long n : histogram) {
            count += n;
        }
        if (count == 0) {
            return "-1";
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return String.format("%.1f", (i + 1) / 10.0);
            }
        }
        return "-1";
    }
}
