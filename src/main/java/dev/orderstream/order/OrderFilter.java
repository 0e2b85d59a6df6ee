package dev.orderstream.order;

import java.time.Instant;

/**
 * What a list of orders may be narrowed to; null means "any". {@code attention}: flagged by some
 * alert rule now (true) or by none (false); {@code rule}: flagged by that one; {@code tag}: carrying
 * that tag; {@code externalOrderId}: imported with that id (with {@code channel}, one order).
 */
public record OrderFilter(String customerId, OrderStatus status, String channel, Instant createdFrom,
                          Instant createdTo, Boolean attention, AttentionRule rule, String tag,
                          String externalOrderId) {

    public OrderFilter(String customerId, OrderStatus status, String channel, Instant createdFrom, Instant createdTo) {
        this(customerId, status, channel, createdFrom, createdTo, null, null, null, null);
    }
}
