package dev.orderstream.webhook;

/**
 * Webhooks give way to callers: while this instance answers at least {@code busyAbove} requests at
 * once (a flash sale), deliveries are claimed at most {@code busyRate} a second, and events of the
 * log turned into deliveries at most as fast, each in a batch every tenth of a second, instead of as
 * fast as the log grows and receivers answer. The rest waits in the event log and in the database
 * (nothing is lost or reordered) and drains at full speed once the load falls. What that costs is
 * the delivery lag ({@code orderstream.webhooks.delivery.lag}), which the benchmark reports.
 * {@code busyAbove} 0 never gives way. Not thread-safe: the dispatcher calls each gate from its one
 * run at a time (claims from the claim run, fan-outs from the fan-out run).
 */
final class DeliveryPacer {

    static final long BUSY_INTERVAL_NANOS = 100_000_000L;

    private final int busyAbove;
    private final int busyBatch;
    private final Gate claims = new Gate();
    private final Gate fanOuts = new Gate();

    DeliveryPacer(int busyAbove, int busyRate) {
        this.busyAbove = busyAbove;
        this.busyBatch = Math.max(1, busyRate / 10);
    }

    /** What a claim now may take: the room it has, or less while busy. */
    Pace pace(int room, int requestsInFlight, long nowNanos) {
        return claims.pace(room, requestsInFlight, nowNanos);
    }

    /** How many events of the log the fan-out may turn into deliveries now: {@code batch}, or less while busy. */
    Pace fanOut(int batch, int requestsInFlight, long nowNanos) {
        return fanOuts.pace(batch, requestsInFlight, nowNanos);
    }

    /** How many now; if none, how long until the next batch may run. */
    record Pace(int claim, long waitNanos) {
    }

    /** One batch of at most {@code busyBatch} per tenth of a second while busy; otherwise all there is room for. */
    private final class Gate {
        private long next = Long.MIN_VALUE;

        Pace pace(int room, int requestsInFlight, long nowNanos) {
            if (busyAbove <= 0 || requestsInFlight < busyAbove) {
                return new Pace(room, 0);
            }
            if (next != Long.MIN_VALUE && nowNanos - next < 0) {
                return new Pace(0, next - nowNanos);
            }
            next = nowNanos + BUSY_INTERVAL_NANOS;
            return new Pace(Math.min(room, busyBatch), 0);
        }
    }
}
