package dev.orderstream.common;

import dev.orderstream.common.problem.RawProblem;
import dev.orderstream.common.problem.ServiceUnavailableProblem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Stops accepting work when shutdown begins (SIGTERM), while the requests already taken run to
 * their end (Quarkus waits up to {@code quarkus.shutdown.timeout} for them). A new API request gets
 * a 503 problem with {@code Retry-After} and {@code Connection: close} right away, so a client or
 * load balancer sends it to another instance, instead of it being cut off when the server closes.
 * Two kinds of request still pass: {@code /q/} (health, so readiness reports DOWN rather than
 * failing) and SSE subscriptions, which end at once, cleanly, after their replay: an EventSource
 * reconnects after a clean end but gives up for good on a 503.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    private volatile boolean closed;

    void register(@Observes Filters filters) {
        filters.register(this::gate, 200);
    }

    void close(@Observes ShutdownDelayInitiatedEvent shutdownBegins) {
        closed = true;
        LOG.info("Shutting down: refusing new requests (503), finishing the ones in flight");
    }

    void gate(RoutingContext context) {
        if (closed && !exempt(context)) {
            context.response().putHeader(HttpHeaderNames.RETRY_AFTER, "1");
            RawProblem.end(context, 503, ServiceUnavailableProblem.SHUTTING_DOWN,
                    ServiceUnavailableProblem.SHUTTING_DOWN_TITLE, ServiceUnavailableProblem.SHUTTING_DOWN_DETAIL);
            return;
        }
        context.next();
    }

    private static boolean exempt(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaderNames.ACCEPT);
        return context.request().path().startsWith("/q/")
                || (accept != null && accept.contains("text/event-stream"));
    }
}
