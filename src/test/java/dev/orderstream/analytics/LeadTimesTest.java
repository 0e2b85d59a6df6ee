package dev.orderstream.analytics;

import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentStatus;
import dev.orderstream.order.SalesFacts;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.orderstream.analytics.LeadTimes.Metric.*;
import static org.junit.jupiter.api.Assertions.*;

/** What events add to the lead-time rollup, without a database: a scripted history, every duration by hand. */
class LeadTimesTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final LocalDate DAY1 = LocalDate.parse("2026-12-01");
    private static final LocalDate DAY2 = LocalDate.parse("2026-12-02");

    private static OrderEvent event(UUID order, EventType type, int secondsAfterT0, Map<String, Object> data) {
        return OrderEvent.unlogged(order, "c", 1, type, T0.plusSeconds(secondsAfterT0), OrderStatus.CONFIRMED,
                PaymentStatus.AUTHORIZED, data);
    }

    private static SalesFacts placedAtT0(UUID order) {
        return new SalesFacts(order, "web", "EUR", 1000, 1, T0);
    }

    @Test
    void aScriptedHistoryGivesEveryDurationByHandAcrossTwoBatches() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        Map<UUID, SalesFacts> facts = Map.of(a, placedAtT0(a), b, placedAtT0(b), c, placedAtT0(c));
        // batch 1: A confirmed at +60 s, shipped with DHL at +100 s (and a second shipment, which measures nothing);
        //          B confirmed at +120 s; C placed only
        List<OrderEvent> first = List.of(
                event(a, EventType.CONFIRMED, 60, Map.of()),
                event(b, EventType.CONFIRMED, 120, Map.of()),
                event(a, EventType.FULFILLMENT_CREATED, 100, Map.of("carrier", "DHL")),
                event(a, EventType.FULFILLMENT_CREATED, 150, Map.of("carrier", "UPS")));
        LeadTimes.Batch one = LeadTimes.of(first, facts, Map.of(), UTC);
        assertEquals(Map.of(
                new LeadTimes.Key(DAY1, "web", PLACED_TO_CONFIRMED, ""), List.of(60L, 120L),
                new LeadTimes.Key(DAY1, "web", CONFIRMED_TO_SHIPPED, "DHL"), List.of(40L)), one.seconds());
        assertEquals(new LeadTimes.Milestones(T0.plusSeconds(60), T0.plusSeconds(100), "DHL"), one.milestones().get(a));
        assertEquals(new LeadTimes.Milestones(T0.plusSeconds(120), null, null), one.milestones().get(b));
        assertFalse(one.milestones().containsKey(c));

        // batch 2, the next day, from the milestones the first one stored: B shipped with UPS at +86,400 s
        // (a day after placement), A delivered at +86,500 s; a repeated confirmation of B measures nothing
        Map<UUID, LeadTimes.Milestones> stored = new HashMap<>(one.milestones());
        List<OrderEvent> second = List.of(
                event(b, EventType.CONFIRMED, 86_400, Map.of()),
                event(b, EventType.FULFILLMENT_CREATED, 86_400, Map.of("carrier", "UPS")),
                event(a, EventType.DELIVERED, 86_500, Map.of()));
        LeadTimes.Batch two = LeadTimes.of(second, facts, stored, UTC);
        assertEquals(Map.of(
                new LeadTimes.Key(DAY2, "web", CONFIRMED_TO_SHIPPED, "UPS"), List.of(86_280L),
                new LeadTimes.Key(DAY2, "web", PLACED_TO_DELIVERED, "DHL"), List.of(86_500L),
                new LeadTimes.Key(DAY2, "web", SHIPPED_TO_DELIVERED, "DHL"), List.of(86_400L)), two.seconds());
        assertEquals(new LeadTimes.Milestones(T0.plusSeconds(120), T0.plusSeconds(86_400), "UPS"), two.milestones().get(b));
    }

    @Test
    void importedMilestonesMeasureNothingAndANegativeDurationCountsAsZero() {
        UUID imported = UUID.randomUUID(), skewed = UUID.randomUUID();
        Map<UUID, SalesFacts> facts = Map.of(imported, placedAtT0(imported), skewed, placedAtT0(skewed));
        LeadTimes.Batch batch = LeadTimes.of(List.of(
                event(imported, EventType.CONFIRMED, 500, Map.of("imported", true)),
                event(imported, EventType.FULFILLMENT_CREATED, 600, Map.of("carrier", "DHL", "imported", true)),
                event(skewed, EventType.CONFIRMED, -3, Map.of())), facts, Map.of(), UTC);
        assertEquals(Map.of(new LeadTimes.Key(DAY1, "web", PLACED_TO_CONFIRMED, ""), List.of(0L)), batch.seconds());
        assertFalse(batch.milestones().containsKey(imported));
    }

    @Test
    void aDurationLandsInItsDayWeekAndMonthForItsChannelAndCarrierAndForEvery() {
        LocalDate sunday = LocalDate.parse("2026-11-01"); // its ISO week starts on Monday 2026-10-26
        var rows = LeadTimes.rows(Map.of(new LeadTimes.Key(sunday, "web", CONFIRMED_TO_SHIPPED, "DHL"), List.of(40L)));
        assertEquals(12, rows.size(), "3 periods x (its channel, every channel) x (its carrier, every carrier)");
        for (LeadTimes.Period period : LeadTimes.Period.values()) {
            LocalDate start = switch (period) {
                case DAY -> sunday;
                case WEEK -> LocalDate.parse("2026-10-26");
                case MONTH -> LocalDate.parse("2026-11-01");
            };
            for (String channel : List.of("web", "*")) {
                for (String carrier : List.of("DHL", "")) {
                    assertEquals(List.of(40L), rows.get(new LeadTimes.Row(period, start, channel, CONFIRMED_TO_SHIPPED, carrier)),
                            period + " " + channel + " " + carrier);
                }
            }
        }
        var noCarrier = LeadTimes.rows(Map.of(new LeadTimes.Key(sunday, "web", PLACED_TO_CONFIRMED, ""), List.of(5L, 7L)));
        assertEquals(6, noCarrier.size(), "a metric without carriers: every carrier only");
    }

    @Test
    void daysMergeIntoPercentilesWithoutTheRawDurations() {
        // two days' histograms, stored and read back as bytes, merged: the percentiles of all 100 values
        Histogram monday = LeadTimes.emptyHistogram();
        Histogram tuesday = LeadTimes.emptyHistogram();
        for (long s = 1; s <= 100; s++) {
            (s % 2 == 0 ? monday : tuesday).recordValue(s);
        }
        Histogram merged = LeadTimes.emptyHistogram();
        merged.add(LeadTimes.decode(LeadTimes.encode(monday)));
        merged.add(LeadTimes.decode(LeadTimes.encode(tuesday)));
        assertEquals(100, merged.getTotalCount());
        assertEquals(50, merged.getValueAtPercentile(50), "exact below 256 s");
        assertEquals(90, merged.getValueAtPercentile(90));
        assertEquals(99, merged.getValueAtPercentile(99));
        assertEquals(100, merged.getMaxValue());
        assertEquals(24, merged.getCountBetweenValues(0, 24));

        Histogram days = LeadTimes.emptyHistogram();
        days.recordValue(3 * 86_400 + 1234);
        long read = LeadTimes.decode(LeadTimes.encode(days)).getValueAtPercentile(50);
        assertEquals(3 * 86_400 + 1234, read, (3 * 86_400 + 1234) / 100.0, "within 1% above 256 s");
    }
}
