package dev.orderstream.common.security;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.cors.CORSConfig;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Cross-origin access, by Quarkus' own {@link CORSFilter}, with two policies where Quarkus installs
 * one for every path (which is why {@code quarkus.http.cors.enabled} stays {@code false}):
 * <ul>
 *   <li><b>Public tracking</b> ({@code /track/...}, and the unsubscribe and recovery pages of
 *   customer emails): any origin may read a tracking view and follow
 *   its stream (GET, HEAD), look an order up and send feedback (POST: the tracking page's own forms,
 *   or a storefront's), no credentials; {@code Last-Event-ID} allowed, since an EventSource resuming
 *   across origins sends it and so asks first.</li>
 *   <li><b>Everything else</b>: only the storefront and dashboard origins in
 *   {@code quarkus.http.cors.origins} (none by default in production: same origin only; localhost in
 *   dev and test), with the headers the API reads ({@code Authorization}, {@code Idempotency-Key},
 *   {@code If-Match}, {@code Last-Event-ID}, {@code Content-Type}) and the ones a client needs to
 *   read back ({@code Location}, {@code ETag}, {@code Retry-After}) from
 *   {@code quarkus.http.cors.headers} and {@code quarkus.http.cors.exposed-headers}.</li>
 * </ul>
 * A request from an origin a policy does not allow gets Quarkus' bare 403 before anything runs.
 */
@ApplicationScoped
public class CorsPolicies {

    static final String TRACKING_PATHS = "/track/";

    private final CORSFilter tracking;
    private final CORSFilter api;

    public CorsPolicies(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
                        @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods,
                        @ConfigProperty(name = "quarkus.http.cors.headers") Optional<List<String>> headers,
                        @ConfigProperty(name = "quarkus.http.cors.exposed-headers") Optional<List<String>> exposed,
                        @ConfigProperty(name = "quarkus.http.cors.access-control-max-age") Optional<Duration> maxAge) {
        Policy trackingPolicy = new Policy(Optional.of(List.of("*")), Optional.of(List.of("GET", "HEAD", "POST")),
                Optional.of(List.of("Last-Event-ID", "Accept", "Accept-Language", "Content-Type")), Optional.of(List.of("Retry-After")), maxAge,
                Optional.of(false));
        this.tracking = new CORSFilter(trackingPolicy);
        // no origins configured is "same origin only" to Quarkus' filter, never "any"
        this.api = new CORSFilter(new Policy(origins, methods, headers, exposed, maxAge, Optional.of(false)));
    }

    /** Ahead of every other route, where Quarkus would put its own filter. */
    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_CORS_MANAGEMENT).handler(this::handle);
    }

    void handle(RoutingContext context) {
        (isPublicPage(context.request().path()) ? tracking : api).handle(context);
    }

    /**
     * The tracking pages, and the pages behind the links of customer emails (unsubscribe, checkout
     * recovery), whose forms post to themselves: they send no referrer, so a browser's form post
     * from them carries {@code Origin: null}, which only the open policy lets through.
     */
    static boolean isPublicPage(String path) {
        return path.startsWith(TRACKING_PATHS) || path.equals("/notification-preferences/unsubscribe")
                || path.startsWith("/orders/") && path.endsWith("/recovery");
    }

    /** One policy, as Quarkus' filter reads it. */
    private record Policy(Optional<List<String>> origins, Optional<List<String>> methods,
                          Optional<List<String>> headers, Optional<List<String>> exposedHeaders,
                          Optional<Duration> accessControlMaxAge,
                          Optional<Boolean> accessControlAllowCredentials) implements CORSConfig {
        @Override
        public boolean enabled() {
            return true;
        }
    }
}
