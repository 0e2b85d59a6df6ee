package dev.orderstream.order;

import java.time.Duration;
import java.time.Instant;

/**
 * The thresholds of the alert rules ({@code orderstream.alerts.*}), and the cutoffs they come to at
 * an instant: what the sweep's candidate query compares with.
 */
public record AttentionPolicy(BusinessHours businessHours, Duration confirmedNotShipped, Duration noCarrierScan,
                              Duration stalledInTransit, Duration estimateGrace) {

    /** Orders confirmed at or before this are overdue to ship. */
    public Instant confirmedBy(Instant now) {
        return businessHours.before(now, confirmedNotShipped);
    }

    /** Shipments handed over at or before this should have a scan by now. */
    public Instant shippedBy(Instant now) {
        return now.minus(noCarrierScan);
    }

    /** Shipments last scanned at or before this are stalled. */
    public Instant lastScannedBy(Instant now) {
        return now.minus(stalledInTransit);
    }

    /** Shipments estimated to arrive at or before this are late. */
    public Instant estimatedBy(Instant now) {
        return now.minus(estimateGrace);
    }
}
