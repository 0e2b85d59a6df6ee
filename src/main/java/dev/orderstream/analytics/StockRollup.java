package dev.orderstream.analytics;

import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.SalesFacts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a batch of events adds to the stock rollup, per day (in the store's zone), channel, figure
 * and SKU. Pure. Figures:
 * <ul>
 *   <li>{@code unitsSold}: the units of an order confirmed, by SKU (the top sellers; the same units
 *   as the sales report's unitsSold). An imported order's count on the day it was placed in its
 *   channel, as in the sales rollup.</li>
 *   <li>{@code soldOut}: an order took the last available units of the SKU
 *   ({@code order.placed}'s {@code soldOut}), on the day it did.</li>
 *   <li>{@code expiredHold} (no SKU): an unpaid order's hold ran out; {@code unitsReleased}: the
 *   units it gave back, by SKU.</li>
 * </ul>
 */
public final class StockRollup {

    private StockRollup() {
    }

    public static final String UNITS_SOLD = "unitsSold";
    public static final String SOLD_OUT = "soldOut";
    public static final String EXPIRED_HOLD = "expiredHold";
    public static final String UNITS_RELEASED = "unitsReleased";

    public record Key(LocalDate day, String channel, String figure, String sku) {
    }

    public static Map<Key, Long> of(List<OrderEvent> events, Map<UUID, SalesFacts> orders, ZoneId zone) {
        Map<Key, Long> counts = new LinkedHashMap<>();
        for (OrderEvent event : events) {
            SalesFacts order = event.orderId() == null ? null : orders.get(event.orderId());
            if (order == null || !EventType.isWireName(event.type())) {
                continue; // a bulk job's event, or a type this version does not know
            }
            LocalDate day = event.occurredAt().atZone(zone).toLocalDate();
            Map<String, Object> data = event.data();
            switch (EventType.ofWireName(event.type())) {
                case CONFIRMED -> {
                    Instant at = Boolean.TRUE.equals(data.get("imported")) ? order.placedAt() : event.occurredAt();
                    LocalDate sold = at.atZone(zone).toLocalDate();
                    order.lines().forEach((sku, units) -> add(counts, new Key(sold, order.channel(), UNITS_SOLD, sku), units));
                }
                case PLACED -> {
                    if (data.get("soldOut") instanceof List<?> skus) {
                        skus.forEach(sku -> add(counts, new Key(day, order.channel(), SOLD_OUT, String.valueOf(sku)), 1));
                    }
                }
                case EXPIRED -> {
                    add(counts, new Key(day, order.channel(), EXPIRED_HOLD, ""), 1);
                    if (data.get("released") instanceof List<?> lines) {
                        for (Object line : lines) {
                            if (line instanceof Map<?, ?> released && released.get("quantity") instanceof Number quantity) {
                                add(counts, new Key(day, order.channel(), UNITS_RELEASED, String.valueOf(released.get("sku"))),
                                        quantity.longValue());
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        return counts;
    }

    private static void add(Map<Key, Long> counts, Key key, long count) {
        counts.merge(key, count, Long::sum);
    }
}
