package dev.orderstream.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescingTaskTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    /** Runs the task was asked to start, not yet finished: completing one finishes that run. */
    private final List<UniEmitter<? super Boolean>> runs = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> delayed = new ArrayList<>();
    private int started;

    private CoalescingTask task(Duration minGap) {
        return new CoalescingTask(() -> {
            started++;
            return Uni.createFrom().emitter(runs::add);
        }, failure -> { }, minGap, now::get, (nanos, run) -> {
            delays.add(nanos);
            delayed.add(run);
        });
    }

    private void finish(boolean more) {
        runs.remove(0).complete(more);
    }

    @Test
    void wakesDuringARunCostOneMoreRun() {
        CoalescingTask task = task(Duration.ZERO);
        task.wake();
        task.wake();
        task.wake();
        assertEquals(1, started);
        finish(false);
        assertEquals(2, started);
        finish(false);
        assertEquals(2, started);
        assertTrue(delays.isEmpty());
    }

    @Test
    void aFullBatchRunsAgainAtOnce() {
        CoalescingTask task = task(Duration.ofMillis(10));
        task.wake();
        finish(true);
        assertEquals(2, started);
        assertTrue(delays.isEmpty());
        finish(false);
        assertTrue(runs.isEmpty());
    }

    @Test
    void aWakeSoonAfterARunWaitsForTheGapAndWakesMeanwhileShareThatRun() {
        CoalescingTask task = task(Duration.ofMillis(10));
        task.wake();
        now.addAndGet(Duration.ofMillis(2).toNanos());
        finish(false);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        task.wake(); // 3 ms after the first run started
        task.wake();
        task.wake();
        assertEquals(1, started);
        assertEquals(List.of(Duration.ofMillis(7).toNanos()), delays);

        now.addAndGet(Duration.ofMillis(7).toNanos());
        delayed.remove(0).run();
        assertEquals(2, started);
        finish(false);
        assertEquals(2, started); // the wakes during the wait were served by that one run
        assertEquals(1, delays.size());
    }

    @Test
    void aWakeDuringARunIsServedOnceTheGapIsOver() {
        CoalescingTask task = task(Duration.ofMillis(10));
        task.wake();
        task.wake(); // while the first run is under way
        now.addAndGet(Duration.ofMillis(4).toNanos());
        finish(false);
        assertEquals(1, started);
        assertEquals(List.of(Duration.ofMillis(6).toNanos()), delays);
        delayed.remove(0).run();
        assertEquals(2, started);
    }

    @Test
    void aWakeAfterAQuietSpellRunsAtOnce() {
        CoalescingTask task = task(Duration.ofMillis(10));
        task.wake();
        finish(false);
        now.addAndGet(Duration.ofMillis(50).toNanos());
        task.wake();
        assertEquals(2, started);
        assertTrue(delays.isEmpty());
    }

    @Test
    void aFailedRunLeavesTheTaskReadyForTheNextWake() {
        List<Throwable> failures = new ArrayList<>();
        CoalescingTask task = new CoalescingTask(() -> {
            started++;
            return Uni.createFrom().failure(new IllegalStateException("down"));
        }, failures::add);
        task.wake();
        task.wake();
        assertEquals(2, failures.size());
        assertEquals(2, started);
    }

    @Test
    void aTimerDelayIsWholeMillisecondsRoundedUpAndNeverZero() {
        assertEquals(1, CoalescingTask.timerMillis(1));
        assertEquals(1, CoalescingTask.timerMillis(999_999));
        assertEquals(1, CoalescingTask.timerMillis(1_000_000));
        assertEquals(2, CoalescingTask.timerMillis(1_000_001));
        assertEquals(10, CoalescingTask.timerMillis(9_400_000));
    }
}
