package dev.orderstream.event.api;

import dev.orderstream.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.Position;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.UUID;

/** A feed of every order event, or of one customer's, or of one type. */
@Path("/events")
@Tag(name = "Live events", description = "Order events as Server-Sent Events")
public class EventFeedResource {

    private final SseEvents events;

    public EventFeedResource(SseEvents events) {
        this.events = events;
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    @StreamPreconditions.Checked
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @Operation(summary = "A feed of order events, optionally for one customer or one event type; live from now, "
            + "or everything after Last-Event-ID first")
    @APIResponse(responseCode = "200", description = "An endless text/event-stream")
    @APIResponse(responseCode = "400", description = "Unknown or malformed Last-Event-ID / since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> feed(@QueryParam("customerId") String customerId,
                                             @Parameter(description = "An event type such as order.confirmed")
                                             @QueryParam("type") String type,
                                             @HeaderParam(SseEvents.LAST_EVENT_ID) String lastEventId,
                                             @QueryParam("since") String since,
                                             @Context Sse sse) {
        return RestMulti.fromUniResponse(
                events.stream(new EventFilter(null, customerId, type), lastEventId, since, null, sse),
                stream -> stream);
    }
}
