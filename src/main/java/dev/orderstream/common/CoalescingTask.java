package dev.orderstream.common;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs an asynchronous task one run at a time, however often it is woken: a wake while a run is under
 * way is remembered and causes exactly one more run right after it, so a burst of wakes costs one or
 * two runs, never one each, and nothing woken for is missed. A run that answers {@code true} (more
 * work may be waiting, such as a full batch) is followed at once by another. Never blocks.
 */
public final class CoalescingTask {

    private final Supplier<Uni<Boolean>> run;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();

    /**
     * @param run       one run; its item says whether to run again at once
     * @param onFailure what a failed run leads to (a log line, a retry later); no run follows by itself
     */
    public CoalescingTask(Supplier<Uni<Boolean>> run, Consumer<Throwable> onFailure) {
        this.run = run;
        this.onFailure = onFailure;
    }

    public void wake() {
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return;
        }
        wokenWhileRunning.set(false);
        Uni<Boolean> once;
        try {
            once = run.get();
        } catch (RuntimeException e) {
            once = Uni.createFrom().failure(e);
        }
        once.subscribe().with(
                more -> {
                    running.set(false);
                    if (Boolean.TRUE.equals(more) || wokenWhileRunning.get()) {
                        wake();
                    }
                },
                failure -> {
                    running.set(false);
                    onFailure.accept(failure);
                });
    }
}
