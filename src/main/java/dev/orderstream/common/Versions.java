package dev.orderstream.common;

import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.PreconditionFailedProblem;
import jakarta.ws.rs.core.EntityTag;

/** Entity versions as HTTP sees them: {@code ETag: "7"} out, {@code If-Match: "7"} in. */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an {@code If-Match} header names, or null when the client sent none (or {@code *}). */
    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            // If-Match compares strongly (RFC 9110, 13.1.1): a weak entity tag never matches
            throw new PreconditionFailedProblem("weak-etag", "Weak ETag in If-Match",
                    "If-Match compares strongly, so the weak " + value + " never matches; send the ETag as it was returned: "
                            + value.substring(2));
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestProblem("Invalid If-Match", "If-Match must be an ETag this service returned, such as \"3\"",
                    "If-Match");
        }
    }
}
