package dev.orderstream.webhook;

/**
 * Webhooks give way to callers: while this instance answers at least {@code busyAbove} requests at
 * once (a flash sale), deliveries are claimed at most {@code busyRate} a second, in a batch every
 * tenth of a second, instead of as fast as receivers answer; the backlog waits in the database
 * (nothing is lost or reordered) and drains at full speed once the load falls. What that costs is
 * the delivery lag ({@code orderstream.webhooks.delivery.lag}), which the benchmark reports.
 * {@code busyAbove} 0 never yields. Not thread-safe: the dispatcher calls it from its one claim
 * run at a time.
 */
final class DeliveryPacer {

    static final long BUSY_INTERVAL_NANOS = 100_000_000L;

    private final int busyAbove;
    private final int busyBatch;
    private long nextBusyClaim = Long.MIN_VALUE;
    private long nextBusyFanOut = Long.MIN_VALUE;

    DeliveryPacer(int busyAbove, int busyRate) {
        this.busyAbove = busyAbove;
        this.busyBatch = Math.max(1, busyRate / 10);
    }

    /** What a claim now may take: the room it has, or less while busy. */
    Pace pace(int room, int requestsInFlight, long nowNanos) {
        if (busyAbove <= 0 || requestsInFlight < busyAbove) {
            return new Pace(room, 0);
        }
        if (nextBusyClaim != Long.MIN_VALUE && nowNanos - nextBusyClaim < 0) {
            return new Pace(0, nextBusyClaim - nowNanos);
        }
        nextBusyClaim = nowNanos + BUSY_INTERVAL_NANOS;
        return new Pace(Math.min(room, busyBatch), 0);
    }

    /**
     * How long the fan-out (the log into deliveries) waits before it runs; 0: now. While busy it runs
     * every tenth of a second, over all that committed meanwhile, rather than after every commit.
     * Called from the fan-out's one run at a time.
     */
    long fanOutWait(int requestsInFlight, long nowNanos) {
        if (busyAbove <= 0 || requestsInFlight < busyAbove) {
            return 0;
        }
        if (nextBusyFanOut != Long.MIN_VALUE && nowNanos - nextBusyFanOut < 0) {
            return nextBusyFanOut - nowNanos;
        }
        nextBusyFanOut = nowNanos + BUSY_INTERVAL_NANOS;
        return 0;
    }

    /** How many deliveries to claim now; if none, how long until the next claim may run. */
    record Pace(int claim, long waitNanos) {
    }
}
