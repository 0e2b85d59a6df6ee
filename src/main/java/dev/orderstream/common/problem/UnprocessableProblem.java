package dev.orderstream.common.problem;

/** 422: the request is well formed JSON but breaks a business rule (unknown SKU, wrong amount...). */
public class UnprocessableProblem extends ProblemException {

    public UnprocessableProblem(String type, String title, String detail) {
        super(type, title, detail);
    }

    @Override
    public int status() {
        return 422;
    }
}
