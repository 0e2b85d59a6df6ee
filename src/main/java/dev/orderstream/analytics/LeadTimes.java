package dev.orderstream.analytics;

import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.SalesFacts;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a batch of events adds to the lead-time rollup. Pure: the projector gives it the events, their
 * orders' facts and the milestones it has seen of them so far, and gets back the durations per day
 * (of the later milestone, in the store's zone), channel, metric and carrier, and the milestones
 * after the batch. Definitions (in whole seconds):
 * <ul>
 *   <li>{@code placedToConfirmed}: placement to confirmation (payment authorized);</li>
 *   <li>{@code confirmedToShipped}: confirmation to the order's first shipment, by its carrier;</li>
 *   <li>{@code shippedToDelivered}: first shipment to the whole order delivered, by that carrier;</li>
 *   <li>{@code placedToDelivered}: placement to the whole order delivered, by the first carrier.</li>
 * </ul>
 * Events of an import ({@code imported: true}) measure nothing: their times are the import's, not
 * the order's. A negative duration (clocks of two instances apart) counts as 0.
 */
@RegisterForReflection(targets = Histogram.class) // decoding makes the histogram through its constructor
public final class LeadTimes {

    /** Up to a year, to two significant digits: exact below 256 s, within 1% above. */
    static final long HIGHEST_SECONDS = Duration.ofDays(366).toSeconds();
    static final int SIGNIFICANT_DIGITS = 2;

    private LeadTimes() {
    }

    public enum Metric {
        PLACED_TO_CONFIRMED("placedToConfirmed"),
        CONFIRMED_TO_SHIPPED("confirmedToShipped"),
        SHIPPED_TO_DELIVERED("shippedToDelivered"),
        PLACED_TO_DELIVERED("placedToDelivered");

        private final String wireName;

        Metric(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Metric ofWireName(String name) {
            for (Metric metric : values()) {
                if (metric.wireName.equals(name)) {
                    return metric;
                }
            }
            throw new IllegalArgumentException("no lead-time metric " + name);
        }
    }

    /** One duration's day, channel, metric and carrier ("" where the metric has none). */
    public record Key(LocalDate day, String channel, Metric metric, String carrier) {
    }

    /** The periods a stored histogram covers. */
    public enum Period {
        DAY, WEEK, MONTH;

        /** The first day of the period of this kind that holds {@code day}. */
        public LocalDate startOf(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
        }

        /** The day after the period that starts on {@code start}. */
        public LocalDate endAfter(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
            };
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Every channel, in a row's channel. */
    public static final String EVERY_CHANNEL = "*";
    /** Every carrier (and the metrics that have none), in a row's carrier. */
    public static final String EVERY_CARRIER = "";

    /** A stored histogram: a period, a channel or every channel, a metric, a carrier or every carrier. */
    public record Row(Period period, LocalDate start, String channel, Metric metric, String carrier) {
    }

    /**
     * The stored rows the durations land in: each in its day, week and month, for its channel and
     * every channel, for its carrier and every carrier. A query then reads whole periods from their
     * own rows and never merges channels or carriers.
     */
    public static Map<Row, List<Long>> rows(Map<Key, List<Long>> seconds) {
        Map<Row, List<Long>> rows = new LinkedHashMap<>();
        seconds.forEach((key, values) -> {
            for (Period period : Period.values()) {
                LocalDate start = period.startOf(key.day());
                for (String channel : List.of(key.channel(), EVERY_CHANNEL)) {
                    rows.computeIfAbsent(new Row(period, start, channel, key.metric(), EVERY_CARRIER), k -> new ArrayList<>())
                            .addAll(values);
                    if (!key.carrier().isEmpty()) {
                        rows.computeIfAbsent(new Row(period, start, channel, key.metric(), key.carrier()), k -> new ArrayList<>())
                                .addAll(values);
                    }
                }
            }
        });
        return rows;
    }

    /** What the projector has seen of an order so far. */
    public record Milestones(Instant confirmedAt, Instant firstShippedAt, String firstCarrier) {
        static final Milestones NONE = new Milestones(null, null, null);
    }

    /** The durations a batch adds, and every order's milestones after it (those it changed). */
    public record Batch(Map<Key, List<Long>> seconds, Map<UUID, Milestones> milestones) {
    }

    public static Batch of(List<OrderEvent> events, Map<UUID, SalesFacts> orders, Map<UUID, Milestones> known, ZoneId zone) {
        Map<Key, List<Long>> seconds = new LinkedHashMap<>();
        Map<UUID, Milestones> changed = new HashMap<>();
        for (OrderEvent event : events) {
            SalesFacts order = event.orderId() == null ? null : orders.get(event.orderId());
            if (order == null || Boolean.TRUE.equals(event.data().get("imported")) || !EventType.isWireName(event.type())) {
                continue;
            }
            Milestones seen = changed.getOrDefault(order.id(), known.getOrDefault(order.id(), Milestones.NONE));
            Instant at = event.occurredAt();
            LocalDate day = at.atZone(zone).toLocalDate();
            switch (EventType.ofWireName(event.type())) {
                case CONFIRMED -> {
                    if (seen.confirmedAt() == null) {
                        add(seconds, new Key(day, order.channel(), Metric.PLACED_TO_CONFIRMED, ""), order.placedAt(), at);
                        changed.put(order.id(), new Milestones(at, seen.firstShippedAt(), seen.firstCarrier()));
                    }
                }
                case FULFILLMENT_CREATED -> {
                    if (seen.firstShippedAt() == null) {
                        String carrier = event.data().get("carrier") instanceof String name ? name : "";
                        if (seen.confirmedAt() != null) {
                            add(seconds, new Key(day, order.channel(), Metric.CONFIRMED_TO_SHIPPED, carrier), seen.confirmedAt(), at);
                        }
                        changed.put(order.id(), new Milestones(seen.confirmedAt(), at, carrier));
                    }
                }
                case DELIVERED -> {
                    String carrier = seen.firstCarrier() == null ? "" : seen.firstCarrier();
                    add(seconds, new Key(day, order.channel(), Metric.PLACED_TO_DELIVERED, carrier), order.placedAt(), at);
                    if (seen.firstShippedAt() != null) {
                        add(seconds, new Key(day, order.channel(), Metric.SHIPPED_TO_DELIVERED, carrier), seen.firstShippedAt(), at);
                    }
                }
                default -> {
                }
            }
        }
        return new Batch(seconds, changed);
    }

    private static void add(Map<Key, List<Long>> seconds, Key key, Instant from, Instant to) {
        seconds.computeIfAbsent(key, k -> new ArrayList<>())
                .add(Math.min(HIGHEST_SECONDS, Math.max(0, Duration.between(from, to).toSeconds())));
    }

    // ---------------------------------------------------------------- the sketch

    public static Histogram emptyHistogram() {
        return new Histogram(HIGHEST_SECONDS, SIGNIFICANT_DIGITS);
    }

    /** HdrHistogram's own encoding, uncompressed: twice the bytes of the zlib form, half its decoding time. */
    public static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    public static Histogram decode(byte[] bytes) {
        return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_SECONDS);
    }
}
