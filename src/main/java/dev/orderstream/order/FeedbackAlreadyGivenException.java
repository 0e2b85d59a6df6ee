package dev.orderstream.order;

import dev.orderstream.common.DomainException;

import java.time.Instant;
import java.util.Map;

/** An order takes one rating: a second is refused, the first stays. */
public class FeedbackAlreadyGivenException extends DomainException {

    private final Instant givenAt;

    public FeedbackAlreadyGivenException(Instant givenAt) {
        super(Kind.CONFLICT, "feedback-already-given", "Feedback already given",
                "This order's feedback was given at " + givenAt + "; it is given once");
        this.givenAt = givenAt;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("givenAt", givenAt);
    }
}
