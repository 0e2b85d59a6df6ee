package dev.orderstream.event;

import dev.orderstream.common.CoalescingTask;
import dev.orderstream.common.OrderstreamConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The doorbell for new events. A commit here rings this instance's listeners (the relay and the
 * SSE broadcaster) at once, and every other instance through {@code NOTIFY} on the events channel
 * ({@link EventNotifications} listens). Notifies are sent outside the writing transaction and
 * coalesced, so a burst of commits costs one round trip, not one each. Listeners must not block.
 */
@ApplicationScoped
public class EventSignal {

    private static final Logger LOG = Logger.getLogger(EventSignal.class);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final CoalescingTask notifyOthers;

    public EventSignal(Pool pool, OrderstreamConfig config) {
        String notify = "NOTIFY " + config.events().channel();
        this.notifyOthers = new CoalescingTask(
                () -> pool.query(notify).execute()
                        .replaceWith(false)
                        .onFailure().recoverWithUni(failure -> {
                            LOG.debugf("NOTIFY failed; other instances will see the events on their next poll: %s",
                                    failure);
                            return Uni.createFrom().item(false);
                        }),
                failure -> { });
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
    public void wakeLocal() {
        listeners.forEach(Runnable::run);
    }
}
