package dev.orderstream.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every setting of our own, under {@code orderstream.*}. */
@ConfigMapping(prefix = "orderstream")
public interface OrderstreamConfig {

    Db db();

    Reservation reservation();

    Idempotency idempotency();

    Pagination pagination();

    interface Reservation {
        /** How long placement holds stock before an unpaid order expires. */
        @WithDefault("PT15M")
        Duration ttl();

        /** How many expired orders one sweeper pass handles in one transaction. */
        @WithDefault("100")
        int sweepBatchSize();

        /** How often the expiry sweeper runs (read by the scheduler). */
        @WithDefault("10s")
        String sweepInterval();

        /** How long after startup the first sweep runs. */
        @WithDefault("5s")
        String sweepDelay();
    }

    /** Where PostgreSQL is; the datasource URLs are built from these. */
    interface Db {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5432")
        int port();

        @WithDefault("postgres")
        String name();

        /** The schema Flyway creates and migrates, and the reactive pool's search_path. */
        @WithDefault("orderstream")
        String schema();
    }

    interface Idempotency {
        /** How long a stored response is replayed for its Idempotency-Key (at least 24 hours). */
        @WithDefault("PT48H")
        Duration retention();
    }

    interface Pagination {
        @WithDefault("20")
        int defaultLimit();

        @WithDefault("200")
        int maxLimit();
    }
}
