package dev.orderstream.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list; {@code nextCursor} is null on the last page. Pass it back as
 * {@code cursor} for the next page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page from up to {@code limit + 1} rows read in list order (the one row more says whether a
     * next page exists): the first {@code limit} items, and a cursor holding the key of the last one.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> keyOf) {
        List<T> items = rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows;
        String next = rows.size() > limit ? Cursor.encode(keyOf.apply(items.get(items.size() - 1))) : null;
        return new Page<>(items, next);
    }
}
