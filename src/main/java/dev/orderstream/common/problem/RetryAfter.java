package dev.orderstream.common.problem;

/** A problem whose client may try again after a while: answered with a {@code Retry-After} header. */
public interface RetryAfter {

    /** Whole seconds, at least 1, as the header carries them. */
    long retryAfterSeconds();
}
