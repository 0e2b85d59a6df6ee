package dev.orderstream.tracking.api;

import dev.orderstream.common.problem.BadRequestProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /track/{token}/feedback}: a rating of 1 to 5, and an optional comment. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of giveFeedback: a rating of 1 to 5 and an optional comment")
public record FeedbackRequest(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 2000) String comment) {

    /** The same from the page's form fields. */
    static FeedbackRequest ofForm(String rating, String comment) {
        int stars;
        try {
            stars = Integer.parseInt(rating == null ? "" : rating.strip());
        } catch (NumberFormatException e) {
            throw invalid("rating", "must be a whole number from 1 to 5");
        }
        if (stars < 1 || stars > 5) {
            throw invalid("rating", "must be from 1 to 5");
        }
        if (comment != null && comment.length() > 2000) {
            throw invalid("comment", "must be at most 2000 characters");
        }
        return new FeedbackRequest(stars, comment == null || comment.isBlank() ? null : comment.strip());
    }

    private static BadRequestProblem invalid(String field, String detail) {
        return new BadRequestProblem("Invalid feedback", detail, field);
    }
}
