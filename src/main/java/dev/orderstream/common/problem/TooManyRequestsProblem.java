package dev.orderstream.common.problem;

import java.time.Duration;

/** 429: the client went over its rate limit; {@code Retry-After} says when it may try again. */
public class TooManyRequestsProblem extends ProblemException implements RetryAfter {

    private final Duration retryAfter;

    public TooManyRequestsProblem(String what, Duration retryAfter) {
        // the detail says what Retry-After says: whole seconds, rounded up
        super("rate-limited", "Too many requests", "Too many " + what + " requests from this client; retry after "
                + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    private static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }
}
