package dev.orderstream.webhook;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Webhooks giving way to requests: the pace of claims and fan-outs, with time in the test's hand. */
class DeliveryPacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void belowTheThresholdEveryClaimTakesAllTheRoomItHas() {
        DeliveryPacer pacer = new DeliveryPacer(32, 100);
        for (int i = 0; i < 5; i++) {
            assertEquals(new DeliveryPacer.Pace(32, 0), pacer.pace(32, 31, i * MS));
            assertEquals(new DeliveryPacer.Pace(500, 0), pacer.fanOut(500, 31, i * MS));
        }
    }

    @Test
    void whileBusyClaimsComeInTenBatchesASecondOfATenthOfTheRate() {
        DeliveryPacer pacer = new DeliveryPacer(32, 100);
        long t = 5_000 * MS;
        assertEquals(new DeliveryPacer.Pace(10, 0), pacer.pace(32, 64, t));
        assertEquals(new DeliveryPacer.Pace(0, 60 * MS), pacer.pace(32, 64, t + 40 * MS), "then it waits");
        assertEquals(new DeliveryPacer.Pace(10, 0), pacer.pace(32, 64, t + 100 * MS));
        assertEquals(new DeliveryPacer.Pace(4, 0), pacer.pace(4, 64, t + 200 * MS), "never more than the room");
        int claimed = 0;
        for (long at = t + 300 * MS; at < t + 1_300 * MS; at += MS) {
            claimed += pacer.pace(32, 64, at).claim();
        }
        assertEquals(100, claimed, "the busy rate, a second long");
    }

    @Test
    void whenTheLoadFallsTheBacklogDrainsAtFullSpeedAtOnce() {
        DeliveryPacer pacer = new DeliveryPacer(32, 100);
        pacer.pace(32, 64, 0);
        assertEquals(new DeliveryPacer.Pace(32, 0), pacer.pace(32, 3, MS), "not busy: no wait left over");
    }

    @Test
    void whileBusyTheFanOutTurnsTheLogIntoDeliveriesNoFasterThanTheyAreClaimed() {
        DeliveryPacer pacer = new DeliveryPacer(32, 100);
        assertEquals(new DeliveryPacer.Pace(10, 0), pacer.fanOut(500, 64, 0));
        assertEquals(new DeliveryPacer.Pace(0, 70 * MS), pacer.fanOut(500, 64, 30 * MS));
        assertEquals(new DeliveryPacer.Pace(10, 0), pacer.pace(32, 64, 30 * MS), "claims have a gate of their own");
        assertEquals(new DeliveryPacer.Pace(10, 0), pacer.fanOut(500, 64, 100 * MS));
        assertEquals(new DeliveryPacer.Pace(500, 0), pacer.fanOut(500, 2, 101 * MS), "not busy: the whole batch at once");
    }

    @Test
    void zeroNeverGivesWay() {
        DeliveryPacer pacer = new DeliveryPacer(0, 100);
        assertEquals(new DeliveryPacer.Pace(32, 0), pacer.pace(32, 10_000, 0));
        assertEquals(new DeliveryPacer.Pace(32, 0), pacer.pace(32, 10_000, 1));
        assertEquals(new DeliveryPacer.Pace(500, 0), pacer.fanOut(500, 10_000, 1));
    }
}
