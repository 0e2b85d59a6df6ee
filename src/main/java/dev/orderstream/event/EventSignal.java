package dev.orderstream.event;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final Pool pool;
    private final String notify;
    private final AtomicBoolean notifying = new AtomicBoolean();
    private final AtomicBoolean notifyAgain = new AtomicBoolean();

    public EventSignal(Pool pool, EventsConfig config) {
        this.pool = pool;
        this.notify = "NOTIFY " + config.channel();
    }

    public void onWake(Runnable listener) {
        listeners.add(listener);
    }

    /** Events were committed by this instance. */
    public void committed() {
        wakeLocal();
        notifyOthers();
    }

    /** Events were committed somewhere (here or by another instance). */
    public void wakeLocal() {
        listeners.forEach(Runnable::run);
    }

    private void notifyOthers() {
        if (!notifying.compareAndSet(false, true)) {
            notifyAgain.set(true);
            return;
        }
        notifyAgain.set(false);
        pool.query(notify).execute().subscribe().with(
                done -> finished(),
                failure -> {
                    LOG.debugf("NOTIFY failed; other instances will see the events on their next poll: %s", failure);
                    finished();
                });
    }

    private void finished() {
        notifying.set(false);
        if (notifyAgain.get()) {
            notifyOthers();
        }
    }
}
