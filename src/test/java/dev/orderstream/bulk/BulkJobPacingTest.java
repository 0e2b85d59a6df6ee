package dev.orderstream.bulk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long a job rests after a batch: in proportion to the batch's time, never under the least pause. */
class BulkJobPacingTest {

    private static final Duration LEAST = Duration.ofMillis(20);

    @Test
    void aBatchIsFollowedByARestAsLongAsItTookTimesTheRatio() {
        assertEquals(Duration.ofMillis(900), BulkJobWorker.rest(Duration.ofMillis(900), 1, LEAST));
        assertEquals(Duration.ofMillis(450), BulkJobWorker.rest(Duration.ofMillis(900), 0.5, LEAST));
        assertEquals(Duration.ofMillis(1800), BulkJobWorker.rest(Duration.ofMillis(900), 2, LEAST));
    }

    @Test
    void theRestIsNeverShorterThanTheLeastPause() {
        assertEquals(LEAST, BulkJobWorker.rest(Duration.ofMillis(5), 1, LEAST));
        assertEquals(LEAST, BulkJobWorker.rest(Duration.ofMillis(900), 0, LEAST));
    }
}
