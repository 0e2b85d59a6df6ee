package dev.orderstream.notification;

import dev.orderstream.common.CoalescingTask;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.event.EventSignal;
import dev.orderstream.event.EventStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns the event log into customer emails and sends them. Two steps, each a {@link CoalescingTask}
 * woken by every commit ({@link EventSignal}) and by a poll: the fan-out reads the log after its
 * position and writes the emails the events trigger ({@link NotificationRepository#fanOut}, one
 * instance at a time); the sender claims due emails ({@code SKIP LOCKED}, with a lease) and sends
 * them in order, retrying a failed one with doubling backoff. Nothing is sent from inside a request.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    static final int FANOUT_BATCH = 500;
    static final int SEND_BATCH = 20;

    private final NotificationRepository notifications;
    private final NotificationMailer mailer;
    private final EventStore store;
    private final EventSignal signal;
    private final OrderstreamConfig.Notifications config;
    private final Clock clock;
    private final CoalescingTask fanOut;
    private final CoalescingTask send;
    private volatile boolean stopping;

    public NotificationDispatcher(NotificationRepository notifications, NotificationMailer mailer, EventStore store,
                                  EventSignal signal, OrderstreamConfig config, Clock clock) {
        this.notifications = notifications;
        this.mailer = mailer;
        this.store = store;
        this.signal = signal;
        this.config = config.notifications();
        this.clock = clock;
        this.fanOut = CoalescingTask.throttled(this::fanOutOnce,
                failure -> LOG.warnf("Creating notifications failed; the next poll retries: %s", failure.toString()),
                config.events().readGap());
        this.send = new CoalescingTask(this::sendOnce,
                failure -> LOG.warnf("Sending notifications failed; the next poll retries: %s", failure.toString()));
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        if (!config.enabled()) {
            return;
        }
        signal.onWake(fanOut::wake);
        scheduler.newJob("notifications")
                .setInterval(config.pollInterval().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> wake())
                .schedule();
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** Looks for new events and due emails now (on an instance that sends emails). */
    public void wake() {
        if (!config.enabled()) {
            return;
        }
        fanOut.wake();
        send.wake();
    }

    private Uni<Boolean> fanOutOnce() {
        if (stopping) {
            return Uni.createFrom().item(false);
        }
        return notifications.fanOut(clock.instant(), config.recoveryDelay(),
                        from -> store.nextBatch(from, FANOUT_BATCH))
                .map(read -> {
                    if (read == null) {
                        return false; // another instance holds the position
                    }
                    if (read > 0) {
                        send.wake();
                    }
                    return read == FANOUT_BATCH;
                });
    }

    private Uni<Boolean> sendOnce() {
        if (stopping) {
            return Uni.createFrom().item(false);
        }
        Instant now = clock.instant();
        return notifications.claimDue(now, now.plus(config.lease()), SEND_BATCH)
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(this::sendOne)
                        .collect().last()
                        .replaceWith(claimed.size() == SEND_BATCH));
    }

    /** Sends one email and records how it went; a failure is recorded, never thrown. */
    private Uni<Void> sendOne(NotificationRepository.Claimed claimed) {
        return mailer.send(claimed)
                .chain(() -> notifications.markSent(claimed.id(), clock.instant()))
                .onFailure().recoverWithUni(failure -> {
                    Instant retryAt = clock.instant().plus(backoff(claimed.attempt()));
                    LOG.warnf("Email %d (%s of order %s) failed on attempt %d, retrying at %s: %s", claimed.id(),
                            claimed.type().key(), claimed.orderId(), claimed.attempt(), retryAt, failure.toString());
                    return notifications.markFailed(claimed.id(), failure.toString(), retryAt)
                            .onFailure().recoverWithNull(); // the lease runs out and it is claimed again
                });
    }

    /** The wait after the {@code attempt}th failure: the initial backoff, doubled per attempt, at most the maximum. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
