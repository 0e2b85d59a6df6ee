package dev.orderstream.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How long a job rests after an order (in proportion to the order's time), and when it gives way to the API. */
class PacerTest {

    private static final Duration MAX_YIELD = Duration.ofSeconds(1);

    @Test
    void anOrderIsFollowedByARestAsLongAsItTookTimesTheRatio() {
        assertEquals(Duration.ofMillis(9), Pacer.rest(Duration.ofMillis(9), 1));
        assertEquals(Duration.ofMillis(4).plusNanos(500_000), Pacer.rest(Duration.ofMillis(9), 0.5));
        assertEquals(Duration.ofMillis(18), Pacer.rest(Duration.ofMillis(9), 2));
    }

    @Test
    void aRatioOfNothingIsNoRest() {
        assertEquals(Duration.ZERO, Pacer.rest(Duration.ofMillis(9), 0));
    }

    @Test
    void aJobGivesWayWhileTheApiIsBusy() {
        assertTrue(Pacer.yields(8, 8, Duration.ZERO, MAX_YIELD));
        assertTrue(Pacer.yields(40, 8, Duration.ofMillis(950), MAX_YIELD));
        assertFalse(Pacer.yields(7, 8, Duration.ZERO, MAX_YIELD), "fewer requests in flight than the threshold");
    }

    @Test
    void aJobGivesWayForAtMostMaxYieldAndNeverWhenTheThresholdIsZero() {
        assertFalse(Pacer.yields(40, 8, MAX_YIELD, MAX_YIELD), "it works one order anyway");
        assertFalse(Pacer.yields(40, 0, Duration.ZERO, MAX_YIELD));
    }
}
