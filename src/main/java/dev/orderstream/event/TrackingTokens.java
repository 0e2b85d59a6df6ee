package dev.orderstream.event;

import dev.orderstream.common.problem.NotFoundProblem;
import dev.orderstream.common.security.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The one way a public tracking token is resolved: every lookup, right or wrong, first counts toward
 * the caller's tracking rate limit (429), so tokens cannot be brute-forced; an unknown token is 404.
 */
@ApplicationScoped
public class TrackingTokens {

    private final EventStore store;
    private final RateLimiter rateLimiter;

    public TrackingTokens(EventStore store, RateLimiter rateLimiter) {
        this.store = store;
        this.rateLimiter = rateLimiter;
    }

    /** The order behind {@code token}, for an anonymous caller at {@code http}'s address. */
    public Uni<UUID> orderOf(String token, HttpServerRequest http) {
        rateLimiter.check(RateLimiter.Kind.TRACKING, null, http);
        return store.orderOfTrackingToken(token)
                .map(order -> order.orElseThrow(() -> new NotFoundProblem("Tracking token", "given")));
    }
}
