package dev.orderstream.common;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A throttled task on Quarkus' own worker pool, whose timers are Vert.x timers: a wake that comes
 * less than a millisecond before the gap is over is served by a delayed run, not refused (from an
 * event loop the pool schedules a Vert.x timer, which refuses a delay under 1 ms: that made the
 * relay back off and the SSE tail skip a wake).
 */
@QuarkusTest
class ThrottledTaskTest {

    @Inject
    Vertx vertx;

    @Test
    void aWakeJustBeforeTheGapEndsIsServedByADelayedRun() {
        AtomicInteger runs = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        // a 1 ms gap: the second wake, right after the first run, finds under a millisecond left
        CoalescingTask task = CoalescingTask.throttled(() -> {
            runs.incrementAndGet();
            return Uni.createFrom().item(false);
        }, failures::add, Duration.ofMillis(1));
        for (int i = 1; i <= 20; i++) {
            vertx.getOrCreateContext().runOnContext(ignored -> { // woken on an event loop, as on commit
                task.wake();
                task.wake();
            });
            int expected = 2 * i;
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == expected || !failures.isEmpty());
            assertEquals(List.of(), failures);
        }
        assertEquals(40, runs.get());
    }
}
