package dev.orderstream.common;

import dev.orderstream.common.problem.BadRequestProblem;

/** Which page of a list a client asks for: how many items, after which cursor (null: the first page). */
public record PageRequest(int limit, String cursor) {

    /** Parses the {@code limit} and {@code cursor} query parameters; a limit outside 1..max is a 400. */
    public static PageRequest of(String limit, String cursor, OrderstreamConfig.Pagination config) {
        return new PageRequest(limitOf(limit, config), cursor);
    }

    private static int limitOf(String limit, OrderstreamConfig.Pagination config) {
        if (limit == null) {
            return config.defaultLimit();
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= config.maxLimit()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestProblem("Invalid limit", "limit must be a whole number from 1 to " + config.maxLimit(),
                "limit");
    }

    /** The rows to read: one more than the page holds, so the page knows whether another follows. */
    public int rowsToRead() {
        return limit + 1;
    }
}
