package dev.orderstream.common;

/**
 * A request the domain refuses, in the domain's words, with the kind of refusal. The domain knows
 * nothing of HTTP: which status each kind is answered with is decided in one place,
 * {@code ProblemMappers}.
 */
public abstract class DomainException extends Refusal {

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

    protected DomainException(Kind kind, String type, String title, String detail) {
        super(type, title, detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
