package dev.orderstream.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs an asynchronous task one run at a time, however often it is woken: a wake while a run is under
 * way is remembered and causes exactly one more run right after it, so a burst of wakes costs one or
 * two runs, never one each, and nothing woken for is missed. A run that answers {@code true} (more
 * work may be waiting, such as a full batch) is followed at once by another. Never blocks.
 *
 * <p>A task made with a minimum gap ({@link #throttled}) also starts at most one run per gap: a wake
 * that comes sooner after the last run's start is kept and served by one run when the gap is over.
 * Under a steady stream of wakes (a commit each) a run then takes in everything since the last one,
 * rather than one run, and its queries, per wake; a wake after a quiet spell still runs at once.
 */
public final class CoalescingTask {

    /** Runs a task after a delay, on some thread; never blocks the caller. */
    @FunctionalInterface
    public interface Delayer {
        void after(long nanos, Runnable task);
    }

    private final Supplier<Uni<Boolean>> run;
    private final Consumer<Throwable> onFailure;
    private final long minGapNanos;
    private final LongSupplier nanoClock;
    private final Delayer delayer;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    /** When the last run started; at first, a gap ago, so that the first wake runs at once. */
    private volatile long lastStart;

    /**
     * @param run       one run; its item says whether to run again at once
     * @param onFailure what a failed run leads to (a log line, a retry later); no run follows by itself
     */
    public CoalescingTask(Supplier<Uni<Boolean>> run, Consumer<Throwable> onFailure) {
        this(run, onFailure, Duration.ZERO, System::nanoTime, (nanos, task) -> task.run());
    }

    /** As the plain task, with at most one run per {@code minGap}; the delayed run starts on Mutiny's worker pool. */
    public static CoalescingTask throttled(Supplier<Uni<Boolean>> run, Consumer<Throwable> onFailure, Duration minGap) {
        return new CoalescingTask(run, onFailure, minGap, System::nanoTime,
                (nanos, task) -> Infrastructure.getDefaultWorkerPool().schedule(task, timerMillis(nanos), TimeUnit.MILLISECONDS));
    }

    /**
     * A delay in whole milliseconds, rounded up and at least 1: in Quarkus the worker pool's timers
     * are Vert.x timers, which take milliseconds and refuse a delay under one.
     */
    static long timerMillis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    /** With the clock and the timer given (tests). */
    public CoalescingTask(Supplier<Uni<Boolean>> run, Consumer<Throwable> onFailure, Duration minGap,
                          LongSupplier nanoClock, Delayer delayer) {
        this.run = run;
        this.onFailure = onFailure;
        this.minGapNanos = minGap.toNanos();
        this.nanoClock = nanoClock;
        this.delayer = delayer;
        this.lastStart = nanoClock.getAsLong() - minGapNanos;
    }

    public void wake() {
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return;
        }
        long wait = minGapNanos - (nanoClock.getAsLong() - lastStart);
        if (wait > 0) {
            // too soon after the last run: one run when the gap is over (wakes meanwhile find it "running")
            try {
                delayer.after(wait, this::runNow);
            } catch (RuntimeException refused) { // the timer is shut down (so is the application), or refused the delay
                running.set(false);
                onFailure.accept(refused);
            }
        } else {
            runNow();
        }
    }

    private void runNow() {
        wokenWhileRunning.set(false);
        lastStart = nanoClock.getAsLong();
        Uni<Boolean> once;
        try {
            once = run.get();
        } catch (RuntimeException e) {
            once = Uni.createFrom().failure(e);
        }
        once.subscribe().with(
                more -> {
                    if (Boolean.TRUE.equals(more)) {
                        runNow(); // a backlog: on at once, whatever the gap
                        return;
                    }
                    running.set(false);
                    if (wokenWhileRunning.get()) {
                        wake();
                    }
                },
                failure -> {
                    running.set(false);
                    onFailure.accept(failure);
                });
    }
}
