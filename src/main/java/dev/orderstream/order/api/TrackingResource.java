package dev.orderstream.order.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.Position;
import dev.orderstream.event.api.EventStreamResponses;
import dev.orderstream.event.api.SseFanout;
import dev.orderstream.event.api.StreamPreconditions;
import dev.orderstream.order.OrderService;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Public order tracking: no bearer token, only the order's unguessable tracking token (128 random
 * bits, unrelated to the order id). Every lookup and every stream, right token or wrong, counts
 * toward the caller's tracking rate limit, so tokens cannot be brute-forced.
 */
@Path("/track/{token}")
public class TrackingResource {

    private final OrderService orders;
    private final SseFanout fanout;

    public TrackingResource(OrderService orders, SseFanout fanout) {
        this.orders = orders;
        this.fanout = fanout;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Tracking", description = "Public order tracking by token")
    @Operation(summary = "An order's status, items and shipments by its tracking token; no personal data")
    @APIResponse(responseCode = "200", description = "The order as a tracking page shows it",
            content = @Content(schema = @Schema(implementation = TrackingResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown tracking token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many lookups from this client; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TrackingResponse> track(@PathParam("token") String token, @Context HttpServerRequest http) {
        return orders.track(token, Caller.anonymous(http));
    }

    @GET
    @Path("/events")
    @NonBlocking // the stream is written on the event loop; nothing here blocks
    @PermitAll
    @StreamPreconditions.Checked // resolves the token (counted toward the rate limit) and the resume point
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @EventStreamResponses
    @Parameter(name = StreamPreconditions.LAST_EVENT_ID, in = ParameterIn.HEADER, description = "Resume after this event id")
    @Parameter(name = "since", in = ParameterIn.QUERY, description = "Resume after this event id, like Last-Event-ID")
    @Operation(summary = "Follow an order by its public tracking token: what happened and the status after it, "
            + "shipments in detail, nothing personal")
    @APIResponse(responseCode = "404", description = "Unknown tracking token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many lookups from this client; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void follow(@PathParam("token") String token, @Context ContainerRequestContext request,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServerResponse response) {
        fanout.open(new EventFilter(StreamPreconditions.trackedOrder(request).orElseThrow(), null, null),
                StreamPreconditions.resumeAfter(request, Position.START), SseFanout.View.TRACKING, sink, sse, response);
    }
}
