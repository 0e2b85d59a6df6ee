package dev.orderstream.common.problem;

/** 403: the caller is known but its role does not allow this. */
public class ForbiddenProblem extends ProblemException {

    public ForbiddenProblem(String detail) {
        super("forbidden", "Forbidden", detail);
    }

    @Override
    public int status() {
        return 403;
    }
}
