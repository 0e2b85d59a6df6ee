package dev.orderstream.event.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.Position;
import dev.orderstream.order.OrderService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** One order's events from the log: its whole history at once, or followed live over SSE. */
@Path("/orders/{id}")
public class OrderEventsResource {

    private final OrderService orders;
    private final SseFanout fanout;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public OrderEventsResource(OrderService orders, SseFanout fanout, SecurityIdentity identity, HttpServerRequest http) {
        this.orders = orders;
        this.fanout = fanout;
        this.identity = identity;
        this.http = http;
    }

    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Orders")
    @Operation(operationId = "getOrderHistory", summary = "Every event of one order, in sequence order, from the event log")
    @APIResponse(responseCode = "200", description = "The order's events",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EventResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF, Roles.SERVICE})
    public Uni<List<EventResponse>> history(@PathParam("id") UUID id) {
        return orders.history(id, Caller.of(identity, http))
                .map(events -> events.stream().map(EventResponse::of).toList());
    }

    @GET
    @Path("/events")
    @NonBlocking // the stream is written on the event loop; nothing here blocks
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    @StreamPreconditions.Checked
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @EventStreamResponses
    @Parameter(name = StreamPreconditions.LAST_EVENT_ID, in = ParameterIn.HEADER, ref = "LastEventId")
    @Parameter(name = "since", in = ParameterIn.QUERY, ref = "Since")
    @Operation(operationId = "streamOrderEvents", summary = "Follow one order live: its whole history first (or everything after Last-Event-ID), then live")
    @APIResponse(responseCode = "400", description = "Unknown or malformed Last-Event-ID / since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void follow(@PathParam("id") UUID id, @Context ContainerRequestContext request, @Context SseEventSink sink,
                       @Context Sse sse, @Context HttpServerResponse response) {
        fanout.open(new EventFilter(id, null, null), StreamPreconditions.resumeAfter(request, Position.START),
                SseFanout.View.FULL, sink, sse, response);
    }
}
