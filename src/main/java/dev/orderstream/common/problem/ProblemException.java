package dev.orderstream.common.problem;

import java.util.Map;

/**
 * A client mistake or a refused business rule, carried up the Mutiny chain and turned into
 * {@code application/problem+json} in one place ({@link ProblemMappers}).
 */
public abstract class ProblemException extends RuntimeException {

    private final String type;
    private final String title;

    protected ProblemException(String type, String title, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
    }

    /** The HTTP status this problem is answered with. */
    public abstract int status();

    /** A stable slug identifying the kind of problem; clients switch on it. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem body, such as {@code shortages} or {@code currentStatus}. */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
