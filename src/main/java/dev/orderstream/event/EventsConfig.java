package dev.orderstream.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the event relay and the SSE streams, under {@code orderstream.events.*}. */
@ConfigMapping(prefix = "orderstream.events")
public interface EventsConfig {

    /** The PostgreSQL LISTEN/NOTIFY channel instances wake each other on. */
    @WithDefault("orderstream_events")
    String channel();

    /** How often every instance re-reads the log even when nothing woke it. */
    @WithDefault("1s")
    String pollInterval();

    Relay relay();

    Sse sse();

    interface Relay {
        /** Whether this instance takes part in publishing to RabbitMQ. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1s")
        String pollInterval();

        @WithDefault("200")
        int batchSize();

        /**
         * How long the relay waits for a batch's confirms. Confirmed events are marked; the rest are
         * sent again in the next batch (consumers dedupe on message_id): a confirm lost with a
         * connection that dropped mid-batch must not hold the relay up for long.
         */
        @WithDefault("30s")
        Duration confirmTimeout();

        /** The longest pause between retries while the broker is unreachable. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    interface Sse {
        /** Comment lines sent on idle streams so proxies keep them open. */
        @WithDefault("15s")
        Duration heartbeat();

        /**
         * Live events held for one client while its replay of the log runs; a client whose replay
         * falls further behind than this is disconnected (it resumes with Last-Event-ID).
         */
        @WithDefault("1000")
        int bufferSize();

        /**
         * Bytes written to one client's connection and not yet sent (its Vert.x write queue) at which
         * the client counts as not keeping up: the next batch of events for it ends its stream
         * instead (it resumes with Last-Event-ID). The buffers are shared by all clients, so this
         * bounds what one stalled client holds, not a copy per client.
         */
        @WithDefault("524288")
        int writeQueueSize();

        /**
         * SO_SNDBUF of HTTP connections, in bytes. Unset, the kernel grows it per connection (up to
         * net.ipv4.tcp_wmem, 4 MiB by default), which is what a stalled client can pin in kernel memory
         * before its queue here overflows. Set it to bound that with many subscribers.
         */
        java.util.OptionalInt socketSendBuffer();

        /** Events read from the log per query while replaying. */
        @WithDefault("500")
        int replayBatchSize();
    }
}
