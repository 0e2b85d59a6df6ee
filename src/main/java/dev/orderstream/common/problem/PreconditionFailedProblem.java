package dev.orderstream.common.problem;

/** 412: a precondition of the request (its {@code If-Match}) does not hold. */
public class PreconditionFailedProblem extends ProblemException {

    public PreconditionFailedProblem(String type, String title, String detail) {
        super(type, title, detail);
    }

    @Override
    public int status() {
        return 412;
    }
}
