package dev.orderstream.common.problem;

/**
 * 503: the request was not carried out, through no fault of the client (the database failed the
 * work, or the instance is stopping); nothing of it was written, and the same request, with the same
 * Idempotency-Key, may be sent again after {@code Retry-After}.
 */
public class ServiceUnavailableProblem extends ProblemException {

    public ServiceUnavailableProblem(String type, String title, String detail) {
        super(type, title, detail);
    }

    @Override
    public int status() {
        return 503;
    }

    public long retryAfterSeconds() {
        return 1;
    }
}
