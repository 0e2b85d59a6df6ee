package dev.orderstream.common;

import dev.orderstream.common.problem.BadRequestProblem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque keyset cursor: the sort key of the last item a client saw. Clients pass it back unchanged;
 * a tampered or foreign cursor is a 400, never a 500.
 */
public final class Cursor {

    private static final String PREFIX = "v1:";

    private Cursor() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            // a key this service wrote has no NUL (which PostgreSQL text cannot hold): one with it was
            // made up, and is refused here rather than by the database
            if (!raw.startsWith(PREFIX) || raw.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException();
            }
            return raw.substring(PREFIX.length());
        } catch (IllegalArgumentException e) {
            throw new BadRequestProblem("Invalid cursor", "cursor is not one this service returned", "cursor");
        }
    }

    public static long decodeLong(String cursor) {
        String key = decode(cursor);
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new BadRequestProblem("Invalid cursor", "cursor is not one this service returned", "cursor");
        }
    }
}
