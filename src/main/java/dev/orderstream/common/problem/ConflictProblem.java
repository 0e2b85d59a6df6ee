package dev.orderstream.common.problem;

/** 409: the request is well formed but conflicts with the current state of the resource. */
public class ConflictProblem extends ProblemException {

    public ConflictProblem(String type, String title, String detail) {
        super(type, title, detail);
    }

    @Override
    public int status() {
        return 409;
    }
}
