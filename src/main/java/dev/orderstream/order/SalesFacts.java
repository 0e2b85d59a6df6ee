package dev.orderstream.order;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What analytics counts of an order; none of it changes after placement. {@code lines}: units per
 * SKU.
 */
public record SalesFacts(UUID id, String channel, String currency, long total, int units, Instant placedAt,
                         Map<String, Integer> lines) {

    /** An order whose lines do not matter to the reader. */
    public SalesFacts(UUID id, String channel, String currency, long total, int units, Instant placedAt) {
        this(id, channel, currency, total, units, placedAt, Map.of());
    }
}
