package dev.orderstream.common.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/** 400: the request itself is malformed (syntax, types, missing or invalid fields). */
public class BadRequestProblem extends ProblemException {

    private final List<FieldError> errors;

    public BadRequestProblem(String title, String detail, String field) {
        this(title, detail, List.of(new FieldError(field, detail)));
    }

    public BadRequestProblem(String title, String detail, List<FieldError> errors) {
        super("invalid-request", title, detail);
        this.errors = List.copyOf(errors);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("errors", errors);
    }

    /** One offending field: a JSON path such as {@code lines[0].quantity}, and what is wrong with it. */
    @RegisterForReflection // serialized inside a problem body's extensions
    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One offending field: a JSON path such as lines[0].quantity, and what is wrong with it", requiredProperties = {"field", "message"})
    public record FieldError(String field, String message) {
    }
}
