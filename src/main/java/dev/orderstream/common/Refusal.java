package dev.orderstream.common;

import java.util.Map;

/**
 * A request refused with an answer for the client: a stable {@code type} slug clients switch on, a
 * human title and detail, and extra members where they help (the shortages, the current status).
 * Carried up the Mutiny chain without a stack trace and answered as {@code application/problem+json}
 * in one place, {@code ProblemMappers}. The domain's refusals are {@link DomainException}s, which
 * know no HTTP; the edge's own (a malformed header, a rate limit) are {@code ProblemException}s.
 */
public abstract class Refusal extends RuntimeException {

    private final String type;
    private final String title;

    protected Refusal(String type, String title, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the answer, such as {@code shortages} or {@code currentStatus}. */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
