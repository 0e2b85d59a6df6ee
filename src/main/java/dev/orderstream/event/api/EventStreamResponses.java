package dev.orderstream.event.api;

import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What every SSE endpoint answers when its stream opens, documented once. (The Last-Event-ID and
 * {@code since} parameters stay on each method: OpenAPI's parameter annotation cannot be composed.)
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag(name = "Live events", description = "Order events as Server-Sent Events (text/event-stream), resumable with Last-Event-ID")
@APIResponse(responseCode = "200", description = "An endless text/event-stream: each event with id: (its id, the "
        + "resume point), event: (its type) and data: (the event as JSON); heartbeat comments keep it open",
        content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = EventResponse.class,
                description = "The data: of each event (its id: and event: lines carry the id and the type)")))
public @interface EventStreamResponses {
}
