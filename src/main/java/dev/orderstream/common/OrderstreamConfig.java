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

    Orders orders();

    Placement placement();

    Security security();

    RateLimit rateLimit();

    interface Security {
        TokenCache tokenCache();
    }

    /** Bearer tokens verified once and then remembered (see VerifiedTokens). */
    interface TokenCache {
        /** How many verified tokens are remembered at most. */
        @WithDefault("10000")
        int maxSize();

        /** The longest a verified token is remembered, however far away its exp is. */
        @WithDefault("5m")
        Duration maxLifetime();
    }

    /** Group commit of placements (see PlacementBatcher). */
    interface Placement {
        /** The most placements one transaction takes. */
        @WithDefault("64")
        int batchSize();

        /** How many batches may be in flight at once, each on its own connection. */
        @WithDefault("2")
        int batchesInFlight();
    }

    interface Orders {
        /** The most lines one order (or one fulfillment or return) may have; more is a 422. */
        @WithDefault("100")
        int maxLines();
    }

    /**
     * Per-client token buckets, per instance: a client may make {@code requests} calls per
     * {@code period}, in bursts of up to {@code requests}. Clients are told apart by their token's
     * subject, or by their address when they send none. Staff and services are not limited.
     */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Order placement. */
        @WithDefault("60")
        int placementRequests();

        @WithDefault("1m")
        Duration placementPeriod();

        /** Public tracking lookups and streams, right or wrong token alike. */
        @WithDefault("30")
        int trackingRequests();

        @WithDefault("1m")
        Duration trackingPeriod();
    }

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

        /**
         * How long a SKU a hold found sold out is refused without asking the database (see
         * SoldOutHints); 0 switches this off.
         */
        @WithDefault("250ms")
        Duration soldOutHint();

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
