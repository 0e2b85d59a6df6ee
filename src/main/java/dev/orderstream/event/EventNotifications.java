package dev.orderstream.event;

import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Listens on the PostgreSQL events channel, so a commit on any instance wakes this instance's
 * relay and SSE broadcaster within milliseconds. Reconnects by itself; while it is down the slow
 * poll still finds every event.
 */
@ApplicationScoped
public class EventNotifications {

    private static final Logger LOG = Logger.getLogger(EventNotifications.class);

    private final Vertx vertx;
    private final EventSignal signal;
    private final OrderstreamConfig.Db db;
    private final String channel;
    private final String username;
    private final String password;
    private volatile PgSubscriber subscriber;

    public EventNotifications(Vertx vertx, EventSignal signal, OrderstreamConfig config,
                              @ConfigProperty(name = "quarkus.datasource.username") String username,
                              @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password) {
        this.vertx = vertx;
        this.signal = signal;
        this.db = config.db();
        this.channel = config.events().channel();
        this.username = username;
        this.password = password.orElse("");
    }

    void start(@Observes StartupEvent startup) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(db.host())
                .setPort(db.port())
                .setDatabase(db.name())
                .setUser(username)
                .setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempts -> 1_000L);
        subscriber.channel(channel).handler(signal::heard);
        subscriber.connect().subscribe().with(
                connected -> LOG.debugf("Listening on %s", channel),
                failure -> LOG.warnf("Cannot LISTEN on %s yet (polling meanwhile): %s", channel, failure));
    }

    /** Whether the LISTEN connection is up now (it is re-established by itself after a loss). */
    public boolean isListening() {
        PgSubscriber current = subscriber;
        return current != null && current.actualConnection() != null;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(closed -> { }, failure -> { });
        }
    }
}
