package dev.orderstream.event.api;

import dev.orderstream.common.security.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.vertx.core.http.HttpServerRequest;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.Position;
import dev.orderstream.order.OrderService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks an SSE request before its stream opens: once the {@code 200 text/event-stream} head is
 * sent, a 404 or 400 can no longer be answered. Unknown orders and tracking tokens, and another
 * customer's order or feed, are 404; the feed of everyone is 403 except for staff; a Last-Event-ID
 * (or {@code since}) that is not an existing event id is 400; tracking streams count toward the
 * tracking rate limit (429).
 */
public class StreamPreconditions {

    /** Marks the SSE endpoints this filter guards. */
    @NameBinding
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Checked {
    }

    public static final String LAST_EVENT_ID = "Last-Event-ID";
    /** Where the filter leaves the order a tracking token resolved to. */
    static final String TRACKED_ORDER = "orderstream.tracked-order";
    /** Where the filter leaves the stream position the client resumes after. */
    static final String RESUME_AFTER = "orderstream.resume-after";

    private final EventStore store;
    private final CurrentIdentityAssociation identities;
    private final OrderService orders;
    private final StreamAccess access;

    public StreamPreconditions(EventStore store, CurrentIdentityAssociation identities, OrderService orders,
                               StreamAccess access) {
        this.store = store;
        this.identities = identities;
        this.orders = orders;
        this.access = access;
    }

    @ServerRequestFilter
    @Checked
    public Uni<Response> check(ContainerRequestContext request, UriInfo uri, HttpServerRequest http) {
        String token = uri.getPathParameters().getFirst("token");
        if (token != null) {
            return orders.trackedOrder(token, Caller.anonymous(http))
                    .invoke(order -> request.setProperty(TRACKED_ORDER, order))
                    .chain(() -> resumePointExists(request, uri))
                    .replaceWith((Response) null);
        }
        return identities.getDeferredIdentity().chain(identity -> identity.isAnonymous()
                // the endpoint's role check answers 401
                ? Uni.createFrom().nullItem()
                : resumePointExists(request, uri)
                        .chain(() -> access.mayFollow(Caller.of(identity, http),
                                uri.getPathParameters().getFirst("id"), uri.getQueryParameters().getFirst("customerId")))
                        .replaceWith((Response) null));
    }

    private Uni<Void> resumePointExists(ContainerRequestContext request, UriInfo uri) {
        String lastEventId = request.getHeaderString(LAST_EVENT_ID);
        String resumeAfter = lastEventId != null && !lastEventId.isBlank()
                ? lastEventId : uri.getQueryParameters().getFirst("since");
        if (resumeAfter == null || resumeAfter.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        long eventId;
        try {
            eventId = Long.parseLong(resumeAfter.strip());
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(new BadRequestProblem("Invalid Last-Event-ID",
                    "Last-Event-ID (or since) must be an event id", LAST_EVENT_ID));
        }
        return store.positionOf(eventId).invoke(position -> request.setProperty(RESUME_AFTER, position.orElseThrow(
                () -> new BadRequestProblem("Unknown Last-Event-ID", "No event has id " + eventId, LAST_EVENT_ID))))
                .replaceWithVoid();
    }

    /** Where the client resumes: after its Last-Event-ID (or {@code since}), else from {@code otherwise}. */
    public static Position resumeAfter(ContainerRequestContext request, Position otherwise) {
        Position after = (Position) request.getProperty(RESUME_AFTER);
        return after != null ? after : otherwise;
    }

    public static Optional<UUID> trackedOrder(ContainerRequestContext request) {
        return Optional.ofNullable((UUID) request.getProperty(TRACKED_ORDER));
    }
}
