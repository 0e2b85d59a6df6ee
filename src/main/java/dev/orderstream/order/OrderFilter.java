package dev.orderstream.order;

import java.time.Instant;

/** What a list of orders may be narrowed to; null means "any". */
public record OrderFilter(String customerId, OrderStatus status, String channel, Instant createdFrom,
                          Instant createdTo) {
}
