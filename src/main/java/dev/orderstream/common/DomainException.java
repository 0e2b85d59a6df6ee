package dev.orderstream.common;

import java.util.Map;

/**
 * A request the domain refuses, in the domain's words: a stable {@code type} slug clients switch on,
 * a title and a detail, and the kind of refusal. The domain knows nothing of HTTP: which status each
 * kind is answered with is decided in one place, {@code ProblemMappers}.
 */
public abstract class DomainException extends RuntimeException {

    /** What kind of refusal this is. */
    public enum Kind {
        /** What the request names does not exist (or is not the caller's to see). */
        NOT_FOUND,
        /** The current state does not allow it (a status, stock that ran out). */
        CONFLICT,
        /** Well formed, but it breaks a rule (an amount, a quantity, an unknown line). */
        RULE_VIOLATED,
        /** The caller expected another version of what it changes. */
        STALE_VERSION,
        /** The caller is known, but this is not its to do. */
        FORBIDDEN
    }

    private final Kind kind;
    private final String type;
    private final String title;

    protected DomainException(Kind kind, String type, String title, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.title = title;
    }

    public Kind kind() {
        return kind;
    }

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

    /** Extra members of the answer, such as {@code shortages} or {@code currentStatus}. */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
