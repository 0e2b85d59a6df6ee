package orderstream.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver of the benchmark's webhooks scenario: a merchant endpoint that acknowledges
 * every delivery at once (204), on {@code 127.0.0.1:port} (default 18090), path {@code /hook}. It
 * reads each body whole, as a real receiver would, and counts what it got; it measures nothing
 * itself: the delivery lag is read from the service's delivery log (acknowledged at, minus the
 * event's occurredAt), both written by the service's clock. Plain JDK: run with
 * {@code java -cp target/test-classes orderstream.bench.WebhookSink}; it prints the count when stopped.
 */
public final class WebhookSink {

    private WebhookSink() {
    }

    public static void main(String[] args) throws IOException {
        // Without TCP_NODELAY the JDK's server holds each small answer back until the client's
        // delayed ACK (Nagle's algorithm): some 40 ms per delivery, which would measure the sink
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.getInteger("port", 18090);
        AtomicLong received = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        server.setExecutor(threads);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            threads.shutdownNow();
            System.err.println("webhook sink: " + received.get() + " deliveries received");
        }));
        server.start();
        System.err.println("webhook sink listening on 127.0.0.1:" + port);
    }
}
