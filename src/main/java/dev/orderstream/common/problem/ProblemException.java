package dev.orderstream.common.problem;

import dev.orderstream.common.Refusal;

/** A refusal made at the edge, where HTTP is known (a malformed header, a rate limit): it carries its status. */
public abstract class ProblemException extends Refusal {

    protected ProblemException(String type, String title, String detail) {
        super(type, title, detail);
    }

    /** The HTTP status this problem is answered with. */
    public abstract int status();
}
