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
 * What a batch of events adds to the daily sales rollup, per day (in the store's zone), channel and
 * currency. Pure: the projector gives it the events and the facts of their orders. Definitions:
 * placed, confirmed, cancelled, expired count the orders whose event it is that day; a confirmation
 * adds the order's total to gross revenue and its units to units sold; a refund adds its amount to
 * refunds. An imported order's events count on the day it was placed in its channel.
 */
public final class SalesRollup {

    private SalesRollup() {
    }

    public record Key(LocalDate day, String channel, String currency) {
    }

    /** One row's increments. */
    public static final class Tally {
        public int placed;
        public int confirmed;
        public int cancelled;
        public int expired;
        public int unitsSold;
        public long gross;
        public long refunded;
    }

    public static Map<Key, Tally> of(List<OrderEvent> events, Map<UUID, SalesFacts> orders, ZoneId zone) {
        Map<Key, Tally> rows = new LinkedHashMap<>();
        for (OrderEvent event : events) {
            SalesFacts order = event.orderId() == null ? null : orders.get(event.orderId());
            if (order == null || !EventType.isWireName(event.type())) {
                continue; // a bulk job's event, or a type this version does not know
            }
            Instant at = Boolean.TRUE.equals(event.data().get("imported")) ? order.placedAt() : event.occurredAt();
            Key key = new Key(at.atZone(zone).toLocalDate(), order.channel(), order.currency());
            switch (EventType.ofWireName(event.type())) {
                case PLACED -> tally(rows, key).placed++;
                case CONFIRMED -> {
                    Tally tally = tally(rows, key);
                    tally.confirmed++;
                    tally.unitsSold += order.units();
                    tally.gross += order.total();
                }
                case CANCELLED -> tally(rows, key).cancelled++;
                case EXPIRED -> tally(rows, key).expired++;
                case REFUNDED -> tally(rows, key).refunded += amount(event.data().get("amount"));
                default -> {
                }
            }
        }
        return rows;
    }

    private static Tally tally(Map<Key, Tally> rows, Key key) {
        return rows.computeIfAbsent(key, k -> new Tally());
    }

    private static long amount(Object money) {
        return money instanceof Map<?, ?> map && map.get("amount") instanceof Number minor ? minor.longValue() : 0;
    }
}
