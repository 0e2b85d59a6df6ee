package dev.orderstream.event;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Cross-instance wake-up: every instance consumes its own exclusive, auto-delete queue bound to the
 * {@code orders} exchange. A message means "some instance published new events": this instance's
 * broadcaster reads them from the log (the log, not the message, is what SSE clients get, so the
 * order and resume rules are the same everywhere).
 */
@ApplicationScoped
public class EventFanout {

    private final EventBroadcaster broadcaster;

    public EventFanout(EventBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @Incoming("orders-fanout")
    public Uni<Void> published(Object ignored) {
        broadcaster.wake();
        return Uni.createFrom().voidItem();
    }
}
