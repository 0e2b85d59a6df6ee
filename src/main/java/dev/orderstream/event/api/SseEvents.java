package dev.orderstream.event.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.EventRow;
import dev.orderstream.event.EventStreams;
import dev.orderstream.event.EventsConfig;
import dev.orderstream.event.Position;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What every SSE endpoint shares: {@code id:} is the event id, {@code event:} its type, {@code data:}
 * the event JSON; heartbeats are comment lines; {@code Last-Event-ID} (or {@code ?since=}) resumes
 * after that event.
 */
@ApplicationScoped
public class SseEvents {

    public static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventStreams streams;
    private final EventsConfig config;
    private final ObjectMapper json;

    public SseEvents(EventStreams streams, EventsConfig config, ObjectMapper json) {
        this.streams = streams;
        this.config = config;
        this.json = json;
    }

    /** The stream for {@code filter}, resuming after the client's last event or else from {@code otherwise}. */
    public Uni<Multi<OutboundSseEvent>> stream(EventFilter filter, String lastEventId, String since,
                                               Position otherwise, Sse sse) {
        return stream(filter, lastEventId, since, otherwise, sse, FULL_VIEW);
    }

    /** An event as the authenticated streams show it. */
    static final Function<EventRow, Object> FULL_VIEW = EventResponse::of;
    /** An event as the public tracking stream shows it. */
    static final Function<EventRow, Object> TRACKING_VIEW = TrackingEventResponse::of;

    /**
     * The JSON of recent events, per view: an event goes to every subscriber of an instance, and
     * serializing it once instead of once per subscriber is what lets one instance feed thousands.
     * Cleared wholesale when it grows past its bound (a miss only costs a serialization).
     */
    private final Map<Function<EventRow, Object>, Map<Long, String>> rendered = new ConcurrentHashMap<>();
    private static final int RENDERED_BOUND = 20_000;

    private String render(EventRow event, Function<EventRow, Object> view) {
        Map<Long, String> cache = rendered.computeIfAbsent(view, v -> new ConcurrentHashMap<>());
        String text = cache.get(event.id());
        if (text == null) {
            if (cache.size() >= RENDERED_BOUND) {
                cache.clear();
            }
            text = toJson(view.apply(event), event.id());
            cache.put(event.id(), text);
        }
        return text;
    }

    /** The same stream with each event's JSON shaped by {@code view} (the public tracking view). */
    public Uni<Multi<OutboundSseEvent>> stream(EventFilter filter, String lastEventId, String since,
                                               Position otherwise, Sse sse, Function<EventRow, Object> view) {
        return resumePoint(lastEventId, since, otherwise)
                .map(from -> toSse(streams.follow(filter, from), sse, view));
    }

    private Uni<Position> resumePoint(String lastEventId, String since, Position otherwise) {
        String resumeAfter = lastEventId != null && !lastEventId.isBlank() ? lastEventId : since;
        if (resumeAfter == null || resumeAfter.isBlank()) {
            return Uni.createFrom().item(otherwise);
        }
        long eventId;
        try {
            eventId = Long.parseLong(resumeAfter.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestProblem("Invalid Last-Event-ID", "Last-Event-ID must be an event id", LAST_EVENT_ID);
        }
        return streams.positionAfter(eventId);
    }

    /** The event JSON as one line: SSE data must not carry a per-event content type. */
    private String toJson(Object event, long id) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + id + " cannot be serialized", e);
        }
    }

    /**
     * The events with heartbeat comments in between. Heartbeats a slow client cannot take are
     * dropped; when the events end (a client that fell too far behind), the response ends too.
     */
    private Multi<OutboundSseEvent> toSse(Multi<EventRow> events, Sse sse, Function<EventRow, Object> view) {
        OutboundSseEvent end = sse.newEventBuilder().comment("end").build();
        Multi<OutboundSseEvent> data = events.<OutboundSseEvent>map(event -> sse.newEventBuilder()
                        .id(Long.toString(event.id()))
                        .name(event.type())
                        .data(render(event, view))
                        .build())
                .onCompletion().continueWith(end);
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.sse().heartbeat())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(data, heartbeats)
                .select().first(frame -> frame != end);
    }
}
