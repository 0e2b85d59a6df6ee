package dev.orderstream.order;

import java.time.Instant;
import java.util.UUID;

/** What analytics counts of an order; none of it changes after placement. */
public record SalesFacts(UUID id, String channel, String currency, long total, int units, Instant placedAt) {
}
