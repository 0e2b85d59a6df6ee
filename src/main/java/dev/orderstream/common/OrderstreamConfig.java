package dev.orderstream.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

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

    Events events();

    Webhooks webhooks();

    Tracking tracking();

    Notifications notifications();

    Alerts alerts();

    Http http();

    Bulk bulk();

    Analytics analytics();

    /** Analytics (README "Analytics"): rollups projected from the event log. */
    interface Analytics {
        /** Whether this instance projects the log into the rollups (one instance at a time does). */
        @WithDefault("true")
        boolean enabled();

        /** The time zone the store's days are counted in. */
        @WithDefault("UTC")
        java.time.ZoneId zone();

        /** How often the projector looks for new events. */
        @WithDefault("1s")
        Duration interval();

        /** Events read per transaction. */
        @WithDefault("1000")
        int batchSize();
    }

    /** Bulk jobs (README "Bulk jobs"): worked in bounded batches off the request path. */
    interface Bulk {
        /** Whether this instance works bulk jobs (any instance may create them). */
        @WithDefault("true")
        boolean enabled();

        /** How often an idle instance looks for a job to work. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Orders worked between two looks at the job (its cancellation, its lease). */
        @WithDefault("50")
        int batchSize();

        /** How long a job stays with the instance working it without news; then another takes it over. */
        @WithDefault("30s")
        Duration lease();

        /** The pause after each batch, before the worker looks at the job again. */
        @WithDefault("20ms")
        Duration pause();

        /**
         * The rest after each order as a multiple of the time the order took: 1 gives a job half of
         * the time of its one-order-after-another worker, spread evenly rather than in a batch's
         * burst; 0, no rest. What the bench showed of it is in the README, "Bulk jobs giving way to
         * the API".
         */
        @WithDefault("1")
        double restRatio();

        /**
         * API requests in flight on this instance (the peak of the last 100 to 200 ms, {@code
         * RequestLoad}) from which a job gives way to them: it works no order while so many are
         * answered at once, for at most {@link #maxYield}; 0 never gives way.
         */
        @WithDefault("8")
        int yieldAboveRequests();

        /** The longest a job waits for the API to quiet down before it works one order anyway, so it always progresses. */
        @WithDefault("1s")
        Duration maxYield();

        /** The most orders one job takes (orderIds, or what a filter matches). */
        @WithDefault("10000")
        int maxOrders();
    }

    Shipping shipping();

    /** The store's sales channels (slugs); a placement on another is refused with a 422. */
    @WithDefault("web,app,pos,marketplace")
    List<String> channels();

    /** Where the store ships (README "Customer details"). */
    interface Shipping {
        /** ISO 3166-1 alpha-2 codes shipped to; unset means every country. */
        Optional<List<String>> countries();
    }

    /** Request limits refused with a problem body (README "Hostile input"; {@code RequestLimits}). */
    interface Http {
        /** The longest request target (path and query) served; longer is a 414. */
        @WithDefault("4K")
        MemorySize maxRequestTarget();

        /** The largest header section (names, values and separators) served; larger is a 431. */
        @WithDefault("20K")
        MemorySize maxHeaderSection();

        /** The largest body served, but for the bulk endpoints; larger is a 413. */
        @WithDefault("64K")
        MemorySize maxBody();

        /**
         * The largest body of {@code POST /bulk-jobs} (10,000 order ids) and {@code POST /orders/imports}
         * (a file of up to 10,000 orders); {@code quarkus.http.limits.max-body-size} must be at least this.
         */
        @WithDefault("16M")
        MemorySize maxBulkBody();
    }

    /** The customer's tracking page (README "The tracking page"): the merchant's branding and languages. */
    interface Tracking {
        /** The store's name, in the page's header and title. */
        @WithDefault("Orderstream")
        String storeName();

        /** The store's logo (an https URL on the merchant's own site; the page's CSP allows that origin for images). */
        java.util.Optional<java.net.URI> logoUrl();

        /** The accent colour, as #rgb or #rrggbb. */
        @WithDefault("#1a56db")
        String accentColor();

        java.util.Optional<String> supportEmail();

        java.util.Optional<java.net.URI> supportUrl();

        /** A message shown on every tracking page (plain text: holiday delays, a thank-you). */
        java.util.Optional<String> message();

        /** The language when neither ?lang= nor Accept-Language names one the page speaks (en, de). */
        @WithDefault("en")
        String defaultLanguage();

        /** The time zone dates are shown in without JavaScript (with it, the shopper's own). */
        @WithDefault("UTC")
        java.time.ZoneId timeZone();

        /** Origins that may embed the page in a frame (a storefront); none: only the page's own. */
        java.util.Optional<java.util.List<String>> embedOrigins();
    }

    /** Merchant alerts: the rules that flag orders needing attention (see README "Orders that need attention"). */
    interface Alerts {
        /** Whether orders are flagged at all (by changes, and by this instance's sweep). */
        @WithDefault("true")
        boolean enabled();

        /** How often the sweep looks for orders a rule now holds for. */
        @WithDefault("1m")
        Duration sweepInterval();

        @WithDefault("100")
        int sweepBatchSize();

        /** Confirmed but not shipped after this many business hours. */
        @WithDefault("16")
        int confirmedNotShippedBusinessHours();

        /** Shipped but no carrier scan after this long. */
        @WithDefault("2d")
        Duration noCarrierScan();

        /** In transit with no new scan for this long. */
        @WithDefault("4d")
        Duration stalledInTransit();

        /** How long after a missed delivery estimate the order is flagged. */
        @WithDefault("0s")
        Duration estimateGrace();

        /** The merchant's business hours, for the confirmed-but-not-shipped rule. */
        @WithDefault("UTC")
        java.time.ZoneId businessHoursZone();

        @WithDefault("09:00")
        java.time.LocalTime businessHoursOpen();

        @WithDefault("17:00")
        java.time.LocalTime businessHoursClose();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        java.util.Set<java.time.DayOfWeek> businessDays();
    }

    /** Customer emails and abandoned-checkout recovery (see README "Customer notifications"). */
    interface Notifications {
        /** Whether this instance creates and sends customer emails (SMTP: the quarkus.mailer.* settings). */
        @WithDefault("true")
        boolean enabled();

        /** Where customers reach this service: the base of the tracking, feedback, unsubscribe and recovery links. */
        @WithDefault("http://localhost:8080")
        java.net.URI publicUrl();

        /** The sender, as "Name <address>" or an address. */
        @WithDefault("Orderstream <orders@orderstream.dev>")
        String from();

        /**
         * The key that signs unsubscribe and recovery links (at least 32 characters; the same on every
         * instance). Unset: a random one per process, so links stop working when it restarts.
         */
        java.util.Optional<String> linkKey();

        /** How long after an unpaid order expired its recovery email goes out. */
        @WithDefault("1h")
        Duration recoveryDelay();

        /** How long a recovery link works, from the expiry. */
        @WithDefault("7d")
        Duration recoveryLinkValidity();

        /** How often due emails (retries, delayed recovery emails) are looked for unwoken. */
        @WithDefault("5s")
        Duration pollInterval();

        /** The first retry's wait after the SMTP server failed; doubled per attempt up to {@link #maxBackoff}. */
        @WithDefault("10s")
        Duration initialBackoff();

        @WithDefault("1h")
        Duration maxBackoff();

        /** How long an instance may take to send what it claimed before another may claim it. */
        @WithDefault("2m")
        Duration lease();
    }

    /** Merchant webhooks (see README "Webhooks"). */
    interface Webhooks {
        /** Whether this instance creates and sends deliveries. */
        @WithDefault("true")
        boolean enabled();

        /** How often due deliveries (retries) are looked for unwoken. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long one delivery attempt may take. */
        @WithDefault("10s")
        Duration timeout();

        /** The wait before the first retry; it doubles each time (with ±20% jitter) up to max-backoff. */
        @WithDefault("5s")
        Duration initialBackoff();

        @WithDefault("1h")
        Duration maxBackoff();

        /** How long a delivery is retried before it is given up (FAILED). */
        @WithDefault("3d")
        Duration giveUpAfter();

        /** Attempts under way at once on this instance, across endpoints. */
        @WithDefault("32")
        int maxInFlight();

        /**
         * Attempts under way at once to one endpoint (different orders). 16 keeps up with a flash
         * sale's placements to a prompt receiver (loadtests/bench, webhooks row) without flooding it.
         */
        @WithDefault("16")
        int maxInFlightPerEndpoint();

        /**
         * Requests in flight on this instance from which deliveries give way to them (a flash sale):
         * then at most {@link #busyDeliveriesPerSecond()} are claimed; 0 never gives way.
         */
        @WithDefault("32")
        int yieldAboveRequests();

        /**
         * Deliveries a second while this instance is busy with requests (see {@link #yieldAboveRequests()}).
         * A sustained flash sale logs far more events than any such rate sends, so the backlog drains
         * after the peak whatever it is; a low one keeps the sending off the API's cores meanwhile.
         */
        @WithDefault("25")
        int busyDeliveriesPerSecond();

        /** How long an instance's claim on an attempt lasts; after it, another instance may make it. */
        @WithDefault("60s")
        Duration claimLease();

        /**
         * The circuit breaker: an endpoint whose last this-many attempts all failed, the first of them
         * at least failing-period-to-disable ago, is disabled; its deliveries wait until it is enabled.
         */
        @WithDefault("50")
        int failuresToDisable();

        @WithDefault("1h")
        Duration failingPeriodToDisable();

        /** How long a rotated-out secret still signs (next to the new one). */
        @WithDefault("24h")
        Duration secretOverlap();

        /** How much of a receiver's answer the delivery log keeps, in characters. */
        @WithDefault("2048")
        int responseExcerpt();

        /** Whether endpoint URLs must be https and must not point at loopback, link-local or private addresses. */
        @WithDefault("true")
        boolean requirePublicHttps();

        /** Hosts exempt from that rule (local receivers in tests and development). */
        java.util.Optional<java.util.List<String>> allowedHosts();
    }

    /** The event relay to RabbitMQ and the SSE streams (see README "Events"). */
    interface Events {

        /** The PostgreSQL LISTEN/NOTIFY channel instances wake each other on. */
        @WithDefault("orderstream_events")
        String channel();

        /** How often every instance re-reads the log even when nothing woke it. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * The shortest time between two starts of one log reader woken by commits (the RabbitMQ relay,
         * the SSE broadcaster, the email notifications' fan-out) and between two NOTIFYs to the other
         * instances. Under load a read then
         * takes in every commit since the last one, instead of one read (and its queries) per commit;
         * a commit after a quiet spell is still read at once. 0 reads on every commit.
         */
        @WithDefault("10ms")
        Duration readGap();

        Relay relay();

        Sse sse();

        interface Relay {
            /** Whether this instance takes part in publishing to RabbitMQ. */
            @WithDefault("true")
            boolean enabled();

            /** How often the relay looks for unpublished events (and the outbox lag is measured) unwoken. */
            @WithDefault("1s")
            Duration pollInterval();

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
            OptionalInt socketSendBuffer();

            /** Events read from the log per query while replaying. */
            @WithDefault("500")
            int replayBatchSize();
        }
    }

    interface Security {
        TokenCache tokenCache();

        StreamTickets streamTickets();
    }

    /** Stream tickets: how a browser's EventSource, which sends no Authorization header, opens an authenticated stream. */
    interface StreamTickets {
        /** How long a ticket opens (and reopens) its stream; never longer than the bearer token it was issued for. */
        @WithDefault("5m")
        Duration ttl();

        /**
         * The HMAC-SHA256 key tickets are signed with, base64, at least 32 bytes. Every instance behind
         * one load balancer needs the same; without one, each instance makes a random key at start and
         * takes only its own tickets.
         */
        java.util.Optional<String> secret();
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

        /**
         * The rest after each sweep batch as a multiple of the time the batch took: 1 gives a mass
         * expiry at most half of one thread's time, so that placements arriving meanwhile keep the
         * cores; 0, batches back to back. See the README, "A mass expiry".
         */
        @WithDefault("1")
        double sweepRestRatio();

        /**
         * API requests in flight on this instance (the recent peak, {@code RequestLoad}) from which the
         * sweeper waits before its next batch, for at most {@link #sweepMaxYield}; 0 never waits.
         */
        @WithDefault("8")
        int sweepYieldAboveRequests();

        /** The longest the sweeper waits for the API to quiet down before it expires a batch anyway. */
        @WithDefault("1s")
        Duration sweepMaxYield();

        /** How often the expiry sweeper runs. */
        @WithDefault("10s")
        Duration sweepInterval();

        /**
         * How long a SKU a hold found sold out is refused without asking the database (see
         * SoldOutHints); 0 switches this off.
         */
        @WithDefault("250ms")
        Duration soldOutHint();

        /** How long after startup the first sweep runs. */
        @WithDefault("5s")
        Duration sweepDelay();
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
