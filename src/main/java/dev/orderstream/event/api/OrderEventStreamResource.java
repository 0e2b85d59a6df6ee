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

/** One order, live: its whole history first (or everything after Last-Event-ID), then new events. */
@Path("/orders/{id}/events")
@Tag(name = "Live events", description = "Order events as Server-Sent Events")
public class OrderEventStreamResource {

    private final SseEvents events;

    public OrderEventStreamResource(SseEvents events) {
        this.events = events;
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    @StreamPreconditions.Checked
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @Operation(summary = "Follow one order live: its whole history first (or everything after Last-Event-ID), then live")
    @APIResponse(responseCode = "200", description = "An endless text/event-stream")
    @APIResponse(responseCode = "400", description = "Unknown or malformed Last-Event-ID / since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> follow(@PathParam("id") UUID id,
                                               @HeaderParam(SseEvents.LAST_EVENT_ID) String lastEventId,
                                               @Parameter(description = "Resume after this event id, like Last-Event-ID")
                                               @QueryParam("since") String since,
                                               @Context Sse sse) {
        return RestMulti.fromUniResponse(
                events.stream(new EventFilter(id, null, null), lastEventId, since, Position.START, sse),
                stream -> stream);
    }
}
