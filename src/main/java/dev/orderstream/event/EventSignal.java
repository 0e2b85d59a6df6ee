package dev.orderstream.event;

import dev.orderstream.common.CoalescingTask;
import dev.orderstream.common.OrderstreamConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The doorbell for new events. A commit here rings this instance's listeners (the relay and the
 * SSE broadcaster) at once, and every other instance through {@code NOTIFY} on the events channel
 * ({@link EventNotifications} listens). Notifies are sent outside the writing transaction and
 * coalesced (at most one per {@code orderstream.events.read-gap}), so a burst of commits costs one
 * round trip, not one each. Each carries this instance's id, so that its own listener, which
 * hears it too, does not ring the listeners a second time. Listeners must not block.
 */
@ApplicationScoped
public class EventSignal {

    private static final Logger LOG = Logger.getLogger(EventSignal.class);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final String instance = UUID.randomUUID().toString();
    private final CoalescingTask notifyOthers;

    public EventSignal(Pool pool, OrderstreamConfig config) {
        Tuple notify = Tuple.of(config.events().channel(), instance);
        this.notifyOthers = CoalescingTask.throttled(
                () -> pool.preparedQuery("SELECT pg_notify($1, $2)").execute(notify)
                        .replaceWith(false)
                        .onFailure().recoverWithUni(failure -> {
                            LOG.debugf("NOTIFY failed; other instances will see the events on their next poll: %s",
                                    failure);
                            return Uni.createFrom().item(false);
                        }),
                failure -> { }, config.events().readGap());
    }

    public void onWake(Runnable listener) {
        listeners.add(listener);
    }

    /** Events were committed by this instance. */
    public void committed() {
        wakeLocal();
        notifyOthers.wake();
    }

    /** Events were committed somewhere (here or by another instance). */
    private void wakeLocal() {
        listeners.forEach(Runnable::run);
    }

    /** A NOTIFY on the events channel was heard, with this payload: wakes the listeners unless this instance sent it. */
    public void heard(String payload) {
        if (!instance.equals(payload)) {
            wakeLocal();
        }
    }
}
