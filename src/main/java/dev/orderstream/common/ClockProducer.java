package dev.orderstream.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;

/** One clock for the whole service, so time-based rules (holds, expiry) can be reasoned about. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        // PostgreSQL keeps microseconds; ticking in microseconds makes what we answer equal what we store.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
