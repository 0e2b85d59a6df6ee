package dev.orderstream.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How background work (a bulk job, the expiry sweeper) gives the API's requests the cores: it waits
 * while the API is busy, for a bounded time so that it always progresses, and rests after each piece
 * of work in proportion to what the piece took. Every wait is a Vert.x timer, so the work after it
 * goes on in the caller's Vert.x context (its reactive session's) rather than on another thread.
 */
@ApplicationScoped
public class Pacer {

    /** How often work that gives way to the API looks at its load again. */
    static final Duration YIELD_CHECK = Duration.ofMillis(50);

    private final Vertx vertx;
    private final RequestLoad load;

    public Pacer(Vertx vertx, RequestLoad load) {
        this.vertx = vertx;
        this.load = load;
    }

    /**
     * Waits while the API is busy: as long as {@code yieldAbove} requests or more have been in flight
     * at once lately ({@link RequestLoad#recentPeak}), and at most {@code maxYield}; 0 never waits.
     */
    public Uni<Void> quiet(int yieldAbove, Duration maxYield) {
        return quiet(System.nanoTime(), yieldAbove, maxYield);
    }

    private Uni<Void> quiet(long since, int yieldAbove, Duration maxYield) {
        if (!yields(load.recentPeak(), yieldAbove, Duration.ofNanos(System.nanoTime() - since), maxYield)) {
            return Uni.createFrom().voidItem();
        }
        return sleep(YIELD_CHECK).chain(() -> quiet(since, yieldAbove, maxYield));
    }

    /** Rests {@code ratio} times as long as the work begun at {@code began} (a {@link System#nanoTime}) took. */
    public Uni<Void> restAfter(long began, double ratio) {
        return sleep(rest(Duration.ofNanos(System.nanoTime() - began), ratio));
    }

    /** Waits on a Vert.x timer (nothing for less than a millisecond). */
    public Uni<Void> sleep(Duration pause) {
        long millis = pause.toMillis();
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, timer -> emitter.complete(null)));
    }

    public static boolean yields(int recentPeak, int yieldAbove, Duration waited, Duration maxYield) {
        return yieldAbove > 0 && recentPeak >= yieldAbove && waited.compareTo(maxYield) < 0;
    }

    public static Duration rest(Duration took, double ratio) {
        return Duration.ofNanos((long) (took.toNanos() * ratio));
    }
}
