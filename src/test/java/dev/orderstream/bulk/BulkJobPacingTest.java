package dev.orderstream.bulk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long a job rests after an order: in proportion to the order's time. */
class BulkJobPacingTest {

    @Test
    void anOrderIsFollowedByARestAsLongAsItTookTimesTheRatio() {
        assertEquals(Duration.ofMillis(9), BulkJobWorker.rest(Duration.ofMillis(9), 1));
        assertEquals(Duration.ofMillis(4).plusNanos(500_000), BulkJobWorker.rest(Duration.ofMillis(9), 0.5));
        assertEquals(Duration.ofMillis(18), BulkJobWorker.rest(Duration.ofMillis(9), 2));
    }

    @Test
    void aRatioOfNothingIsNoRest() {
        assertEquals(Duration.ZERO, BulkJobWorker.rest(Duration.ofMillis(9), 0));
    }
}
