package dev.orderstream.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The load webhooks give way to: a peak that outlasts the dips between group-committed bursts. */
class RequestLoadTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final RequestLoad load = new RequestLoad(now::get);

    private void burst(int requests) {
        for (int i = 0; i < requests; i++) {
            load.started();
        }
    }

    private void answered(int requests) {
        for (int i = 0; i < requests; i++) {
            load.ended();
        }
    }

    @Test
    void aBurstAnsweredAtOnceStillCountsForTheNextHundredMilliseconds() {
        burst(64);
        assertEquals(64, load.recentPeak());
        answered(64); // a group commit answers them all
        now.addAndGet(5 * MS);
        assertEquals(64, load.recentPeak(), "the dip between two bursts is not the end of the load");
        now.addAndGet(120 * MS);
        assertEquals(64, load.recentPeak(), "the window before still had it");
        now.addAndGet(100 * MS);
        assertEquals(0, load.recentPeak(), "two quiet windows: the load is over");
    }

    @Test
    void aSteadyLoadIsItsPeak() {
        for (int i = 0; i < 50; i++) {
            burst(40);
            now.addAndGet(10 * MS);
            answered(40);
            assertEquals(40, load.recentPeak());
        }
    }

    @Test
    void theCountNowIsAlwaysIncluded() {
        now.addAndGet(1_000 * MS);
        burst(3);
        now.addAndGet(500 * MS);
        assertEquals(3, load.recentPeak(), "requests still in flight after the windows moved on");
    }
}
