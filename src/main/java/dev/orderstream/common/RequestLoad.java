package dev.orderstream.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How many API requests this instance has been answering at once lately: what background work
 * (webhook deliveries) looks at to give way to callers under load. The figure is the peak over the
 * last 100 to 200 ms, not the count this instant: group-committed placements are answered in
 * bursts, and between two bursts the count dips to nearly nothing for a moment while the load is
 * anything but over. SSE streams and {@code /q/} are not counted: a stream is open for hours without
 * costing anything while idle.
 */
@ApplicationScoped
public class RequestLoad {

    static final long WINDOW_NANOS = 100_000_000L;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongSupplier nanoTime;
    /** The peaks of the current window and the one before it; racy updates only blur the figure. */
    private volatile long windowStart;
    private volatile int currentPeak;
    private volatile int previousPeak;

    public RequestLoad() {
        this(System::nanoTime);
    }

    RequestLoad(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    void register(@Observes Filters filters) {
        filters.register(this::count, 300);
    }

    void count(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaderNames.ACCEPT);
        if (!context.request().path().startsWith("/q/") && (accept == null || !accept.contains("text/event-stream"))) {
            started();
            context.addEndHandler(ended -> ended());
        }
        context.next();
    }

    void started() {
        int now = inFlight.incrementAndGet();
        rotate(nanoTime.getAsLong());
        if (now > currentPeak) {
            currentPeak = now;
        }
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    /** The most requests in flight at once over the last 100 to 200 ms (at least the count now). */
    public int recentPeak() {
        rotate(nanoTime.getAsLong());
        return Math.max(inFlight.get(), Math.max(currentPeak, previousPeak));
    }

    private void rotate(long now) {
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            synchronized (this) {
                elapsed = now - windowStart;
                if (elapsed >= WINDOW_NANOS) {
                    previousPeak = elapsed >= 2 * WINDOW_NANOS ? 0 : currentPeak;
                    currentPeak = inFlight.get();
                    windowStart = now;
                }
            }
        }
    }
}
