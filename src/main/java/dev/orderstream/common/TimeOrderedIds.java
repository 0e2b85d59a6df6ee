package dev.orderstream.common;

import java.time.Instant;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562 §5.7): the Unix time in milliseconds in the first 48 bits,
 * then the version, then 74 random bits.
 *
 * <p>Orders and the rows of their aggregate (lines, payments, fulfillments, returns) are keyed by
 * them, so that a new row's key sorts after the keys made before it: its entry goes to the right-hand
 * edge of each B-tree keyed by it (the primary keys, {@code order_lines (order_id, sku)}, the log's
 * {@code (order_id, …)} indexes), the pages every insert is already touching, where a random
 * (version 4) key lands on any page of the index. A placement's inserts then touch a few hot pages
 * instead of a page per index spread over indexes that outgrow PostgreSQL's buffer cache (measured:
 * about 12% fewer buffer accesses per placement; the README's "Time-ordered keys").
 *
 * <p>The 74 random bits come from {@link UUID#randomUUID()} (a {@code SecureRandom}), so an id is no
 * easier to guess than before, short of its millisecond, which the order's {@code createdAt} tells
 * anyway. Ids made within one millisecond are not ordered among themselves (the RFC allows it); they
 * still land on the same last pages.
 */
public final class TimeOrderedIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long RANDOM_A = 0x0FFFL;

    private TimeOrderedIds() {
    }

    /** A new id whose time is {@code now}'s millisecond (the use case's clock, as the row's own times). */
    public static UUID at(Instant now) {
        UUID random = UUID.randomUUID(); // version 4: its variant bits are already RFC 9562's
        long msb = (now.toEpochMilli() << 16) | VERSION_7 | (random.getMostSignificantBits() & RANDOM_A);
        return new UUID(msb, random.getLeastSignificantBits());
    }
}
