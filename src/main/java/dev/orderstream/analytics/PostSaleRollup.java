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
import java.util.Set;
import java.util.UUID;

/**
 * What a batch of events adds to the post-sale rollup, per day of the event (in the store's zone),
 * channel, figure and label. Pure. Figures: {@code cancellation} (label: the reason), {@code refund}
 * (label: the refund's reason, "" when none; with its currency and amount), {@code returnedUnits}
 * (label: the SKU; count: units received back), {@code returnReceived} (a return's units arrived),
 * {@code feedback} (label: the rating 1-5), {@code recovered} (an expired checkout placed again),
 * {@code orderReturned} (an order's first return receipt: the projector remembers which orders had one).
 * Imported events count nothing here: an import brings orders, not their after-sales history.
 */
public final class PostSaleRollup {

    private PostSaleRollup() {
    }

    public static final String CANCELLATION = "cancellation";
    public static final String REFUND = "refund";
    public static final String RETURNED_UNITS = "returnedUnits";
    public static final String RETURN_RECEIVED = "returnReceived";
    public static final String FEEDBACK = "feedback";
    public static final String RECOVERED = "recovered";
    public static final String ORDER_RETURNED = "orderReturned";

    public record Key(LocalDate day, String channel, String figure, String label, String currency) {
    }

    public static final class Tally {
        public long count;
        public long amount;
    }

    /** What a batch adds, and the orders whose first return receipt it holds, with when. */
    public record Batch(Map<Key, Tally> rows, Map<UUID, Instant> firstReturns) {
    }

    /** @param returnedBefore the batch's orders that had a return receipt before it */
    public static Batch of(List<OrderEvent> events, Map<UUID, SalesFacts> orders, Set<UUID> returnedBefore, ZoneId zone) {
        Map<Key, Tally> rows = new LinkedHashMap<>();
        Map<UUID, Instant> firstReturns = new LinkedHashMap<>();
        for (OrderEvent event : events) {
            SalesFacts order = event.orderId() == null ? null : orders.get(event.orderId());
            if (order == null || Boolean.TRUE.equals(event.data().get("imported")) || !EventType.isWireName(event.type())) {
                continue;
            }
            LocalDate day = event.occurredAt().atZone(zone).toLocalDate();
            Map<String, Object> data = event.data();
            switch (EventType.ofWireName(event.type())) {
                case CANCELLED -> tally(rows, day, order, CANCELLATION, text(data.get("reason")), "").count++;
                case REFUNDED -> {
                    if (data.get("amount") instanceof Map<?, ?> money && money.get("amount") instanceof Number minor) {
                        Tally tally = tally(rows, day, order, REFUND, text(data.get("reason")), String.valueOf(money.get("currency")));
                        tally.count++;
                        tally.amount += minor.longValue();
                    }
                }
                case RETURN_RECEIVED -> {
                    tally(rows, day, order, RETURN_RECEIVED, "", "").count++;
                    if (!returnedBefore.contains(order.id()) && !firstReturns.containsKey(order.id())) {
                        firstReturns.put(order.id(), event.occurredAt());
                        tally(rows, day, order, ORDER_RETURNED, "", "").count++;
                    }
                    if (data.get("lines") instanceof List<?> lines) {
                        for (Object line : lines) {
                            if (line instanceof Map<?, ?> returned && returned.get("quantity") instanceof Number quantity) {
                                tally(rows, day, order, RETURNED_UNITS, text(returned.get("sku")), "").count += quantity.longValue();
                            }
                        }
                    }
                }
                case FEEDBACK_RECEIVED -> tally(rows, day, order, FEEDBACK, text(data.get("rating")), "").count++;
                case RECOVERED -> tally(rows, day, order, RECOVERED, "", "").count++;
                default -> {
                }
            }
        }
        return new Batch(rows, firstReturns);
    }

    private static Tally tally(Map<Key, Tally> rows, LocalDate day, SalesFacts order, String figure, String label,
                               String currency) {
        return rows.computeIfAbsent(new Key(day, order.channel(), figure, label, currency), k -> new Tally());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
