package dev.orderstream.event.api;

import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.container.ContainerRequestContext;
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

/** Public tracking, live: the order behind an unguessable token, without knowing its id. */
@Path("/track/{token}/events")
@Tag(name = "Live events", description = "Order events as Server-Sent Events")
public class TrackingEventStreamResource {

    private final SseEvents events;

    public TrackingEventStreamResource(SseEvents events) {
        this.events = events;
    }

    @GET
    @PermitAll
    @StreamPreconditions.Checked
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @Operation(summary = "Follow an order by its public tracking token")
    @APIResponse(responseCode = "200", description = "An endless text/event-stream")
    @APIResponse(responseCode = "404", description = "Unknown tracking token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<OutboundSseEvent> follow(@PathParam("token") String token,
                                               @HeaderParam(SseEvents.LAST_EVENT_ID) String lastEventId,
                                               @QueryParam("since") String since,
                                               @Context Sse sse,
                                               @Context ContainerRequestContext request) {
        UUID id = StreamPreconditions.trackedOrder(request).orElseThrow();
        return RestMulti.fromUniResponse(
                events.stream(new EventFilter(id, null, null), lastEventId, since, Position.START, sse,
                        SseEvents.TRACKING_VIEW),
                stream -> stream);
    }
}
