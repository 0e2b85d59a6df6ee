package orderstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * SSE fan-out: {@code subscribers} clients (default 10,000) follow {@code GET /events?type=order.placed}
 * while orders are placed at {@code rate} per second (default 20) for {@code seconds} (default 15):
 * each stream gets every placement, and nothing else (the earlier scenarios' unpaid orders, whose
 * holds may run out meanwhile, would add their order.expired events to an unfiltered stream). For every
 * event at every subscriber it records the time from the event's {@code occurredAt} (taken in the
 * writing transaction, just before commit) to its arrival, and prints one line:
 * {@code subscribers delivered expected p50_ms p99_ms max_ms rss_kib}.
 *
 * <p>So that the probe is not what limits the figure, all subscribers are read by one thread on
 * one NIO selector with plain HTTP/1.1 over non-blocking sockets: per read it scans the bytes for
 * {@code "occurredAt":"} and parses that timestamp by hand (no regex, no line splitting, no
 * per-connection thread or pipeline). Plain JDK, no Gatling: run with
 * {@code java -cp target/test-classes orderstream.bench.SseFanout} and the same -D parameters as the
 * simulations ({@code baseUrl}, {@code token}), plus {@code servicePid} for the RSS reading.
 */
public final class SseFanout {

    private static final byte[] MARK = "\"occurredAt\":\"".getBytes(StandardCharsets.US_ASCII);
    /** Long enough for the mark and a timestamp cut by the end of a read. */
    private static final int CARRY = 64;

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
        URI base = URI.create(baseUrl);
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        byte[] follow = ("GET /events?type=order.placed HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Reader reader = new Reader(address, follow, subscribers);
        Thread readerThread = new Thread(reader, "sse-probe");
        readerThread.setDaemon(true);
        readerThread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (reader.connected.get() + reader.failed.get() < subscribers && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.err.printf("connected %d of %d (%d failed)%n", reader.connected.get(), subscribers, reader.failed.get());

        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().executor(callbacks).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest.Builder place = HttpRequest.newBuilder(URI.create(baseUrl + "/orders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        int orders = rate * seconds;
        long serviceCpuBefore = cpuMillis(pid);
        long probeCpuBefore = probeCpuMillis();
        long wallBefore = System.nanoTime();
        AtomicInteger placed = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
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
                    .whenComplete((response, failure) -> {
                        if (response != null && response.statusCode() == 201) {
                            placed.incrementAndGet();
                        }
                        answered.incrementAndGet();
                    });
            if (i % rate == 0) {
                rssPeak = Math.max(rssPeak, rssKib(pid));
            }
        }
        long answeredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < orders && System.nanoTime() < answeredBy) {
            Thread.sleep(50);
        }
        long expectedDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < expectedDeadline
                && reader.delivered.get() < (long) placed.get() * reader.connected.get()) {
            Thread.sleep(100);
            rssPeak = Math.max(rssPeak, rssKib(pid));
        }
        long expected = (long) placed.get() * reader.connected.get();
        long delivered = reader.delivered.get();
        long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallBefore);
        System.err.printf("CPU while placing and delivering (%d ms): service %d ms, this probe %d ms "
                        + "(the reader thread alone %d ms), of %d cores%n", wallMillis, cpuMillis(pid) - serviceCpuBefore,
                probeCpuMillis() - probeCpuBefore, TimeUnit.NANOSECONDS.toMillis(
                        ManagementFactory.getThreadMXBean().getThreadCpuTime(readerThread.getId())),
                Runtime.getRuntime().availableProcessors());
        System.err.printf("streams ended by the server: %d; read %d MiB; %s%n", reader.ended.get(), reader.bytes.get() >> 20,
                reader.shortfall(placed.get()));
        System.out.printf("%d %d %d %d %d %d %d%n", reader.connected.get(), delivered, expected,
                percentile(reader.histogram, delivered, 0.50), percentile(reader.histogram, delivered, 0.99),
                percentile(reader.histogram, delivered, 1.0), rssPeak);
        System.exit(0);
    }

    /** Connects every subscriber and reads them all on one selector thread. */
    private static final class Reader implements Runnable {
        final AtomicInteger connected = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLongArray histogram = new AtomicLongArray(60_001); // per millisecond up to 60 s
        private final InetSocketAddress address;
        private final byte[] request;
        private final int subscribers;
        private final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
        private final byte[] scan = new byte[256 * 1024 + CARRY];
        private long dayEpochMillis = Long.MIN_VALUE;
        private final byte[] day = new byte[10];

        Reader(InetSocketAddress address, byte[] request, int subscribers) {
            this.address = address;
            this.request = request;
            this.subscribers = subscribers;
        }

        /** Per connection: bytes kept from the end of the last read, and whether the head was seen. */
        private static final class Stream {
            final byte[] carry = new byte[CARRY];
            int carried;
            boolean open;
            ByteBuffer unsent;
            long events;
        }

        private final java.util.List<Stream> streams = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        /** How many streams received fewer than {@code expected} events, and the fewest any received. */
        String shortfall(long expected) {
            long short_ = 0, fewest = Long.MAX_VALUE;
            synchronized (streams) {
                for (Stream stream : streams) {
                    if (stream.open) {
                        fewest = Math.min(fewest, stream.events);
                        if (stream.events < expected) {
                            short_++;
                        }
                    }
                }
            }
            return short_ + " streams received fewer than " + expected + " events (the fewest: " + fewest + ")";
        }

        @Override
        public void run() {
            try (Selector selector = Selector.open()) {
                int opened = 0;
                while (true) {
                    // open connections gradually so as not to flood the accept queue
                    for (int i = 0; i < 200 && opened < subscribers; i++, opened++) {
                        SocketChannel channel = SocketChannel.open();
                        channel.configureBlocking(false);
                        channel.connect(address);
                        Stream stream = new Stream();
                        streams.add(stream);
                        channel.register(selector, SelectionKey.OP_CONNECT, stream);
                    }
                    selector.select(10);
                    for (SelectionKey key : selector.selectedKeys()) {
                        try {
                            handle(key);
                        } catch (IOException e) {
                            Stream stream = (Stream) key.attachment();
                            if (stream.open) {
                                ended.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                            key.cancel();
                            key.channel().close();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void handle(SelectionKey key) throws IOException {
            SocketChannel channel = (SocketChannel) key.channel();
            Stream stream = (Stream) key.attachment();
            if (key.isConnectable()) {
                channel.finishConnect();
                stream.unsent = ByteBuffer.wrap(request);
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                channel.write(stream.unsent);
                if (!stream.unsent.hasRemaining()) {
                    stream.unsent = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isValid() && key.isReadable()) {
                in.clear();
                int read = channel.read(in);
                if (read < 0) {
                    throw new IOException("ended");
                }
                bytes.addAndGet(read);
                in.flip();
                System.arraycopy(stream.carry, 0, scan, 0, stream.carried);
                in.get(scan, stream.carried, read);
                int length = stream.carried + read;
                if (!stream.open) {
                    if (length >= 12 && scan[9] == '2' && scan[10] == '0' && scan[11] == '0') {
                        stream.open = true;
                        connected.incrementAndGet();
                    } else {
                        throw new IOException("not 200: " + new String(scan, 0, Math.min(length, 12), StandardCharsets.US_ASCII));
                    }
                }
                long now = System.currentTimeMillis();
                long before = delivered.get();
                int consumed = scanEvents(length, now);
                stream.events += delivered.get() - before;
                int keep = Math.min(CARRY, length - consumed);
                System.arraycopy(scan, length - keep, stream.carry, 0, keep);
                stream.carried = keep;
            }
        }

        /** Records each complete timestamp in scan[0, length); returns where the unscanned tail starts. */
        private int scanEvents(int length, long now) {
            int i = 0;
            int safe = 0;
            outer:
            while (i + MARK.length + 27 <= length) {
                for (int m = 0; m < MARK.length; m++) {
                    if (scan[i + m] != MARK[m]) {
                        i++;
                        safe = i;
                        continue outer;
                    }
                }
                int at = i + MARK.length;
                int close = at;
                while (close < length && scan[close] != '"') {
                    close++;
                }
                if (close == length) {
                    return i; // the timestamp continues in the next read
                }
                long ms = now - epochMillis(at, close);
                histogram.incrementAndGet((int) Math.max(0, Math.min(60_000, ms)));
                delivered.incrementAndGet();
                i = close + 1;
                safe = i;
            }
            return Math.max(safe, length - MARK.length - 27);
        }

        /** Parses 2026-12-01T21:34:00.123456Z (fraction of any length, UTC) in scan[from, to). */
        private long epochMillis(int from, int to) {
            boolean sameDay = dayEpochMillis != Long.MIN_VALUE;
            for (int k = 0; k < 10 && sameDay; k++) {
                sameDay = scan[from + k] == day[k];
            }
            if (!sameDay) {
                System.arraycopy(scan, from, day, 0, 10);
                dayEpochMillis = LocalDate.parse(new String(day, StandardCharsets.US_ASCII)).toEpochDay() * 86_400_000L;
            }
            int h = digits(from + 11, 2);
            int m = digits(from + 14, 2);
            int s = digits(from + 17, 2);
            int millis = 0;
            if (from + 19 < to && scan[from + 19] == '.') {
                int end = from + 20;
                int taken = 0;
                while (end < to && scan[end] >= '0' && scan[end] <= '9') {
                    if (taken < 3) {
                        millis = millis * 10 + (scan[end] - '0');
                        taken++;
                    }
                    end++;
                }
                while (taken++ < 3) {
                    millis *= 10;
                }
            }
            return dayEpochMillis + ((h * 60L + m) * 60L + s) * 1000L + millis;
        }

        private int digits(int from, int count) {
            int value = 0;
            for (int k = 0; k < count; k++) {
                value = value * 10 + (scan[from + k] - '0');
            }
            return value;
        }
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

    /** CPU time (user + system) of a process from /proc, in ms; -1 if unknown. */
    private static long cpuMillis(String pid) {
        if (pid.isEmpty()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / 100; // clock ticks, USER_HZ = 100
        } catch (Exception e) {
            return -1;
        }
    }

    private static long probeCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
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
