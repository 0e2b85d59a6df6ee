package dev.orderstream.event.api;

import dev.orderstream.common.problem.BadRequestProblem;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Roles;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.EventType;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** A live feed of every order event, or of one customer's, or of one type (its wire name). */
@Path("/events")
public class EventFeedResource {

    private final SseFanout fanout;

    public EventFeedResource(SseFanout fanout) {
        this.fanout = fanout;
    }

    @GET
    @NonBlocking // the stream is written on the event loop; nothing here blocks
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    @StreamPreconditions.Checked
    @EventStreamResponses
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Parameter(name = StreamPreconditions.LAST_EVENT_ID, in = ParameterIn.HEADER, ref = "LastEventId")
    @Parameter(name = "since", in = ParameterIn.QUERY, ref = "Since")
    @Operation(operationId = "streamEvents", summary = "A feed of order events, optionally for one customer or one event type; live from now, "
            + "or everything after Last-Event-ID first")
    @APIResponse(responseCode = "400", description = "Unknown or malformed Last-Event-ID / since, or an unknown type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void feed(@QueryParam("customerId") String customerId,
                     @Parameter(description = "An event type such as order.confirmed", schema = @Schema(implementation = EventType.class))
                     @QueryParam("type") String type,
                     @Context ContainerRequestContext request, @Context SseEventSink sink, @Context Sse sse,
                     @Context HttpServerResponse response) {
        if (type != null && !EventType.isWireName(type)) {
            // a stream filtered on a type no event has could never send anything
            throw new BadRequestProblem("Unknown event type", "type '" + type + "' is not an event type, such as "
                    + EventType.CONFIRMED.wireName(), "type");
        }
        fanout.open(new EventFilter(null, customerId, type),
                StreamPreconditions.resumeAfter(request, null), SseFanout.View.FULL, sink, sse, response);
    }
}
