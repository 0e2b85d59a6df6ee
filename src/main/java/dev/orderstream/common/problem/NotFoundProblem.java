package dev.orderstream.common.problem;

/** 404: the addressed resource does not exist. */
public class NotFoundProblem extends ProblemException {

    public NotFoundProblem(String what, Object id) {
        super("not-found", what + " not found", what + " " + id + " does not exist");
    }

    @Override
    public int status() {
        return 404;
    }
}
