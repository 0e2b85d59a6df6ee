package dev.orderstream.common;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many API requests this instance is answering right now: what background work (webhook
 * deliveries) looks at to give way to callers under load. SSE streams and {@code /q/} are not
 * counted: a stream is open for hours without costing anything while idle.
 */
@ApplicationScoped
public class RequestLoad {

    private final AtomicInteger inFlight = new AtomicInteger();

    void register(@Observes Filters filters) {
        filters.register(this::count, 300);
    }

    void count(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaderNames.ACCEPT);
        if (!context.request().path().startsWith("/q/") && (accept == null || !accept.contains("text/event-stream"))) {
            inFlight.incrementAndGet();
            context.addEndHandler(ended -> inFlight.decrementAndGet());
        }
        context.next();
    }

    /** Requests taken and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }
}
