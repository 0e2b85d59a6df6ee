package dev.orderstream.analytics;

import dev.orderstream.analytics.api.DeliveryReport;
import dev.orderstream.analytics.api.LeadTimeReport;
import dev.orderstream.analytics.api.PostSaleReport;
import dev.orderstream.analytics.api.SalesReport;
import dev.orderstream.analytics.api.StockReport;
import dev.orderstream.common.Money;
import dev.orderstream.common.OrderstreamConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The analytics use cases: figures read from the rollups, grouped by period; a rebuild from the log. */
@ApplicationScoped
public class AnalyticsService {

    /** How a report groups its days. */
    public enum GroupBy {
        DAY, WEEK, MONTH
    }

    private final AnalyticsRepository analytics;
    private final OrderstreamConfig.Analytics config;
    private final java.time.Clock clock;
    /** The lead-time figures of closed whole periods, as computed once (a few KiB each; at most 20,000). */
    private final com.github.benmanes.caffeine.cache.Cache<ClosedPeriod, List<LeadTimeReport.Period>> closedPeriods =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();

    public AnalyticsService(AnalyticsRepository analytics, OrderstreamConfig config, java.time.Clock clock) {
        this.analytics = analytics;
        this.config = config.analytics();
        this.clock = clock;
    }

    /** Sales from {@code from} to {@code to} (days in the store's zone, inclusive), per period and currency. */
    public Uni<SalesReport> sales(LocalDate from, LocalDate to, String channel, GroupBy groupBy) {
        return analytics.sales(from, to, channel).map(days -> {
            Map<String, Sum> periods = new TreeMap<>();
            for (AnalyticsRepository.DailySales day : days) {
                LocalDate start = start(day.day(), groupBy);
                periods.computeIfAbsent(start + " " + day.currency(), k -> new Sum(start, day.currency())).add(day);
            }
            List<SalesReport.Period> series = new ArrayList<>(periods.size());
            periods.values().forEach(sum -> series.add(sum.period(groupBy)));
            return new SalesReport(config.zone().getId(), groupBy.name().toLowerCase(), from, to, channel, series);
        });
    }

    /** The days of the periods of {@code groupBy} that {@code from} to {@code to} touch: each period's first and last day in the range. */
    private static List<LocalDate[]> periodsOf(LocalDate from, LocalDate to, GroupBy groupBy) {
        LeadTimes.Period unit = LeadTimes.Period.valueOf(groupBy.name());
        List<LocalDate[]> periods = new ArrayList<>();
        for (LocalDate start = unit.startOf(from); !start.isAfter(to); start = unit.endAfter(start)) {
            LocalDate last = unit.endAfter(start).minusDays(1);
            periods.add(new LocalDate[]{start.isBefore(from) ? from : start, last.isAfter(to) ? to : last, start});
        }
        return periods;
    }

    /**
     * Post-sale figures from {@code from} to {@code to} (inclusive), with the sales they are rates of;
     * with {@code groupBy} (may be null) also per period.
     */
    public Uni<PostSaleReport> postSale(LocalDate from, LocalDate to, String channel, GroupBy groupBy) {
        return analytics.sales(from, to, channel).chain(days -> analytics.postSale(from, to, channel).map(rows -> {
            PostSaleReport whole = postSaleOf(from, to, channel, days, rows);
            if (groupBy == null) {
                return whole;
            }
            List<PostSaleReport> series = new ArrayList<>();
            for (LocalDate[] period : periodsOf(from, to, groupBy)) {
                LocalDate first = period[0], last = period[1];
                series.add(postSaleOf(first, last, channel,
                        days.stream().filter(day -> !day.day().isBefore(first) && !day.day().isAfter(last)).toList(),
                        rows.stream().filter(row -> !row.day().isBefore(first) && !row.day().isAfter(last)).toList())
                        .ofPeriod(label(period[2], groupBy)));
            }
            return whole.grouped(groupBy.name().toLowerCase(), series);
        }));
    }

    /** The post-sale figures of these days' rows; each list most first. */
    private PostSaleReport postSaleOf(LocalDate from, LocalDate to, String channel, List<AnalyticsRepository.DailySales> days,
                                      List<AnalyticsRepository.PostSaleTotal> rows) {
        int placed = 0, confirmed = 0, cancelled = 0, expired = 0, units = 0;
        for (AnalyticsRepository.DailySales day : days) {
            placed += day.placed();
            confirmed += day.confirmed();
            cancelled += day.cancelled();
            expired += day.expired();
            units += day.unitsSold();
        }
        // the days summed per figure, label and currency, most first
        Map<List<String>, long[]> summed = new java.util.HashMap<>();
        for (AnalyticsRepository.PostSaleTotal row : rows) {
            long[] sum = summed.computeIfAbsent(List.of(row.figure(), row.label(), row.currency()), k -> new long[2]);
            sum[0] += row.count();
            sum[1] += row.amount();
        }
        List<Map.Entry<List<String>, long[]>> totals = new ArrayList<>(summed.entrySet());
        totals.sort(java.util.Comparator.<Map.Entry<List<String>, long[]>, Long>comparing(e -> -e.getValue()[0])
                .thenComparing(e -> e.getKey().get(1)).thenComparing(e -> e.getKey().get(2)));
        List<PostSaleReport.Reason> cancellations = new ArrayList<>();
        List<PostSaleReport.Refunds> refunds = new ArrayList<>();
        List<PostSaleReport.Count> returnedSkus = new ArrayList<>();
        Map<String, Long> ratings = new TreeMap<>();
        for (int rating = 1; rating <= 5; rating++) {
            ratings.put(String.valueOf(rating), 0L);
        }
        long returns = 0, returnedUnits = 0, recovered = 0, ordersReturned = 0;
        for (Map.Entry<List<String>, long[]> total : totals) {
            String label = total.getKey().get(1);
            long count = total.getValue()[0];
            switch (total.getKey().get(0)) {
                case PostSaleRollup.CANCELLATION -> cancellations.add(new PostSaleReport.Reason(label, count,
                        placed == 0 ? null : (double) count / placed));
                case PostSaleRollup.REFUND -> refunds.add(new PostSaleReport.Refunds(label, count,
                        new Money(total.getValue()[1], total.getKey().get(2))));
                case PostSaleRollup.RETURNED_UNITS -> {
                    returnedUnits += count;
                    if (returnedSkus.size() < 10) {
                        returnedSkus.add(new PostSaleReport.Count(label, count));
                    }
                }
                case PostSaleRollup.RETURN_RECEIVED -> returns += count;
                case PostSaleRollup.FEEDBACK -> ratings.merge(label, count, Long::sum);
                case PostSaleRollup.RECOVERED -> recovered += count;
                case PostSaleRollup.ORDER_RETURNED -> ordersReturned += count;
                default -> {
                }
            }
        }
        long rated = 0, points = 0;
        for (Map.Entry<String, Long> rating : ratings.entrySet()) {
            rated += rating.getValue();
            points += Long.parseLong(rating.getKey()) * rating.getValue();
        }
        return new PostSaleReport(config.zone().getId(), from, to, channel, placed, confirmed, cancelled, units,
                placed == 0 ? null : (double) cancelled / placed, cancellations, refunds, returns, ordersReturned,
                confirmed == 0 ? null : (double) ordersReturned / confirmed, returnedUnits,
                units == 0 ? null : (double) returnedUnits / units, returnedSkus,
                new PostSaleReport.Feedback(rated, rated == 0 ? null : (double) points / rated, ratings),
                expired, recovered, null, null, null);
    }

    /**
     * Stock figures from {@code from} to {@code to} (inclusive): top sellers, SKUs sold out, expired
     * holds; lists of at most {@code limit}; with {@code groupBy} (may be null) also per period.
     */
    public Uni<StockReport> stock(LocalDate from, LocalDate to, String channel, int limit, GroupBy groupBy) {
        Uni<StockReport> whole = stockOf(from, to, channel, limit);
        if (groupBy == null) {
            return whole;
        }
        return whole.chain(report -> io.smallrye.mutiny.Multi.createFrom().iterable(periodsOf(from, to, groupBy))
                .onItem().transformToUniAndConcatenate(period -> stockOf(period[0], period[1], channel, limit)
                        .map(one -> one.ofPeriod(label(period[2], groupBy))))
                .collect().asList()
                .map(series -> report.grouped(groupBy.name().toLowerCase(), series)));
    }

    private Uni<StockReport> stockOf(LocalDate from, LocalDate to, String channel, int limit) {
        return analytics.stockTotals(from, to, channel).chain(totals -> analytics.stock(from, to, channel, limit).map(rows -> {
            List<StockReport.Units> sellers = new ArrayList<>();
            List<StockReport.SoldOut> soldOut = new ArrayList<>();
            List<StockReport.Units> released = new ArrayList<>();
            for (AnalyticsRepository.StockTotal row : rows) {
                switch (row.figure()) {
                    case StockRollup.UNITS_SOLD -> sellers.add(new StockReport.Units(row.sku(), row.count()));
                    case StockRollup.SOLD_OUT -> soldOut.add(new StockReport.SoldOut(row.sku(), row.count(), row.lastDay()));
                    case StockRollup.UNITS_RELEASED -> released.add(new StockReport.Units(row.sku(), row.count()));
                    default -> {
                    }
                }
            }
            return new StockReport(config.zone().getId(), from, to, channel, totals.getOrDefault(StockRollup.UNITS_SOLD, 0L),
                    sellers, soldOut, totals.getOrDefault(StockRollup.EXPIRED_HOLD, 0L),
                    totals.getOrDefault(StockRollup.UNITS_RELEASED, 0L), released, null, null, null);
        }));
    }

    /** Shipping and delivery figures from {@code from} to {@code to} (inclusive), per period, over every carrier and per carrier. */
    public Uni<DeliveryReport> delivery(LocalDate from, LocalDate to, String channel, GroupBy groupBy) {
        return analytics.delivery(from, to, channel).map(days -> {
            // period start, carrier ("" first: every carrier) -> the figures
            Map<String, DeliverySum> periods = new TreeMap<>();
            for (AnalyticsRepository.DailyDelivery day : days) {
                LocalDate start = start(day.day(), groupBy);
                for (String carrier : List.of("", day.carrier())) {
                    periods.computeIfAbsent(start + " " + (carrier.isEmpty() ? "" : "~" + carrier),
                            k -> new DeliverySum(start, carrier.isEmpty() ? null : carrier)).add(day);
                }
            }
            List<DeliveryReport.Period> series = new ArrayList<>(periods.size());
            periods.values().forEach(sum -> series.add(sum.period(label(sum.start, groupBy))));
            return new DeliveryReport(config.zone().getId(), groupBy.name().toLowerCase(), from, to, channel, series);
        });
    }

    private static final class DeliverySum {
        final LocalDate start;
        final String carrier;
        final Map<String, Long> figures = new java.util.HashMap<>();
        final Map<String, Long> exceptions = new java.util.HashMap<>();

        DeliverySum(LocalDate start, String carrier) {
            this.start = start;
            this.carrier = carrier;
        }

        void add(AnalyticsRepository.DailyDelivery day) {
            figures.merge(day.figure(), day.count(), Long::sum);
            if (DeliveryRollup.EXCEPTION.equals(day.figure())) {
                exceptions.merge(day.label(), day.count(), Long::sum);
            }
        }

        DeliveryReport.Period period(String label) {
            long shipped = figures.getOrDefault(DeliveryRollup.FIRST_SHIPMENT, 0L);
            long partial = figures.getOrDefault(DeliveryRollup.PARTIAL_FIRST_SHIPMENT, 0L);
            long withEstimate = figures.getOrDefault(DeliveryRollup.DELIVERED_WITH_ESTIMATE, 0L);
            long onTime = figures.getOrDefault(DeliveryRollup.DELIVERED_ON_TIME, 0L);
            List<DeliveryReport.Exceptions> kinds = exceptions.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(kind -> new DeliveryReport.Exceptions(kind.getKey(), kind.getValue())).toList();
            return new DeliveryReport.Period(label, start, carrier, shipped, partial,
                    shipped == 0 ? null : (double) partial / shipped,
                    figures.getOrDefault(DeliveryRollup.DELIVERED, 0L), withEstimate, onTime,
                    withEstimate == 0 ? null : (double) onTime / withEstimate,
                    figures.getOrDefault(DeliveryRollup.EXCEPTION, 0L), kinds);
        }
    }

    /**
     * Lead times from {@code from} to {@code to}, per period and metric, over every carrier and per
     * carrier. A period wholly inside the range is read from its own stored histograms, and so is the
     * one a range ending today (or later) ends in; one the range cuts otherwise (its first or last)
     * is merged from the stored days inside the range. What a range
     * holds of a period that ended before yesterday no longer changes (a duration counts on the day
     * of its later milestone, which is when the projector reads it, seconds later): its figures, once
     * computed, are kept in memory ({@link #closedPeriods}), and a query reads only the rest from the
     * database.
     */
    public Uni<LeadTimeReport> leadTimes(LocalDate from, LocalDate to, String channel, GroupBy groupBy, int withinHours) {
        LeadTimes.Period unit = LeadTimes.Period.valueOf(groupBy.name());
        String stored = channel == null ? LeadTimes.EVERY_CHANNEL : channel;
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        Map<LeadTimes.Period, List<LocalDate>> read = new java.util.EnumMap<>(LeadTimes.Period.class);
        for (LeadTimes.Period period : LeadTimes.Period.values()) {
            read.put(period, new ArrayList<>());
        }
        List<LeadTimeReport.Period> series = new ArrayList<>();
        Map<LocalDate, ClosedPeriod> toKeep = new java.util.HashMap<>();
        for (Slice slice : slices(from, to, unit, today)) {
            ClosedPeriod key = slice.closed()
                    ? new ClosedPeriod(stored, unit, slice.start(), slice.first(), slice.last(), withinHours) : null;
            List<LeadTimeReport.Period> known = key == null ? null : closedPeriods.getIfPresent(key);
            if (known != null) {
                series.addAll(known);
                continue;
            }
            if (key != null) {
                toKeep.put(slice.start(), key);
            }
            if (slice.whole()) {
                read.get(unit).add(slice.start());
            } else {
                for (LocalDate day = slice.first(); !day.isAfter(slice.last()); day = day.plusDays(1)) {
                    read.get(LeadTimes.Period.DAY).add(day);
                }
            }
        }
        Uni<List<AnalyticsRepository.StoredLeadTimes>> rows = read.values().stream().allMatch(List::isEmpty)
                ? Uni.createFrom().item(List.of())
                : analytics.leadTimes(read.get(LeadTimes.Period.DAY), read.get(LeadTimes.Period.WEEK),
                read.get(LeadTimes.Period.MONTH), stored);
        return rows.map(histograms -> {
            // period start, metric, carrier ("" = every carrier) -> the merged histogram
            Map<String, Merged> merged = new TreeMap<>();
            for (AnalyticsRepository.StoredLeadTimes row : histograms) {
                LocalDate start = unit.startOf(row.row().start());
                String carrier = row.row().carrier();
                merged.computeIfAbsent(start + " " + row.row().metric().ordinal() + " " + carrier,
                                k -> new Merged(start, row.row().metric(), carrier.isEmpty() ? null : carrier))
                        .histogram.add(row.histogram());
            }
            long within = java.time.Duration.ofHours(withinHours).toSeconds();
            Map<LocalDate, List<LeadTimeReport.Period>> kept = new java.util.HashMap<>();
            toKeep.keySet().forEach(start -> kept.put(start, new ArrayList<>()));
            merged.values().forEach(m -> {
                LeadTimeReport.Period period = new LeadTimeReport.Period(label(m.start, groupBy), m.start,
                        m.metric.wireName(), m.carrier, m.histogram.getTotalCount(),
                        m.histogram.getValueAtPercentile(50), m.histogram.getValueAtPercentile(90),
                        m.histogram.getValueAtPercentile(99), m.histogram.getMaxValue(),
                        m.histogram.getTotalCount() == 0 ? 0 : (double) m.histogram.getCountBetweenValues(0, within)
                                / m.histogram.getTotalCount());
                series.add(period);
                if (kept.containsKey(m.start)) {
                    kept.get(m.start).add(period);
                }
            });
            kept.forEach((start, periods) -> closedPeriods.put(toKeep.get(start), List.copyOf(periods)));
            series.sort(SERIES_ORDER);
            return new LeadTimeReport(config.zone().getId(), groupBy.name().toLowerCase(), from, to, channel, withinHours,
                    series);
        });
    }

    /**
     * What a range holds of one period: its days {@code first} to {@code last}; {@code whole} when
     * the period's own stored row says exactly that (the range holds all of it, or all of it up to
     * today: its days after today hold nothing yet), else it is merged from those days; {@code closed}
     * when they ended before yesterday, so no event can add to them any more.
     */
    record Slice(LocalDate start, LocalDate first, LocalDate last, boolean whole, boolean closed) {
    }

    /** The periods of {@code unit} that the days {@code from} to {@code to} touch, in order. */
    static List<Slice> slices(LocalDate from, LocalDate to, LeadTimes.Period unit, LocalDate today) {
        List<Slice> slices = new ArrayList<>();
        for (LocalDate start = unit.startOf(from); !start.isAfter(to); start = unit.endAfter(start)) {
            LocalDate end = unit.endAfter(start); // exclusive
            LocalDate first = start.isBefore(from) ? from : start;
            LocalDate last = end.isAfter(to) ? to : end.minusDays(1);
            boolean whole = !start.isBefore(from) && (!end.isAfter(to.plusDays(1)) || !to.isBefore(today));
            slices.add(new Slice(start, first, last, whole, last.isBefore(today.minusDays(1))));
        }
        return slices;
    }

    /** Period order, then metric order, then every carrier first and the carriers by name. */
    private static final java.util.Comparator<LeadTimeReport.Period> SERIES_ORDER =
            java.util.Comparator.comparing(LeadTimeReport.Period::start)
                    .thenComparing(period -> LeadTimes.Metric.ofWireName(period.metric()).ordinal())
                    .thenComparing(LeadTimeReport.Period::carrier, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));

    /**
     * The days {@code first} to {@code last} of the period that starts on {@code start} (all of it,
     * or the part a range's edge cuts), ended before yesterday, of one channel (or every one), as a
     * query with {@code withinHours} asks it.
     */
    private record ClosedPeriod(String channel, LeadTimes.Period unit, LocalDate start, LocalDate first, LocalDate last,
                                int withinHours) {
    }

    private static final class Merged {
        final LocalDate start;
        final LeadTimes.Metric metric;
        final String carrier;
        final org.HdrHistogram.Histogram histogram = LeadTimes.emptyHistogram();

        Merged(LocalDate start, LeadTimes.Metric metric, String carrier) {
            this.start = start;
            this.metric = metric;
            this.carrier = carrier;
        }
    }

    /** Forgets the rollups and the projector's position: the projector counts the whole log again. */
    public Uni<Void> rebuild() {
        return analytics.reset().invoke(() -> closedPeriods.invalidateAll());
    }

    private static LocalDate start(LocalDate day, GroupBy groupBy) {
        return switch (groupBy) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** A period's name: 2026-12-03 (day), 2026-W49 (week) or 2026-12 (month). */
    private static String label(LocalDate start, GroupBy groupBy) {
        return switch (groupBy) {
            case DAY -> start.toString();
            case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> start.toString().substring(0, 7);
        };
    }

    private static final class Sum {
        final LocalDate start;
        final String currency;
        int placed;
        int confirmed;
        int cancelled;
        int expired;
        int units;
        long gross;
        long refunded;

        Sum(LocalDate start, String currency) {
            this.start = start;
            this.currency = currency;
        }

        void add(AnalyticsRepository.DailySales day) {
            placed += day.placed();
            confirmed += day.confirmed();
            cancelled += day.cancelled();
            expired += day.expired();
            units += day.unitsSold();
            gross += day.gross();
            refunded += day.refunded();
        }

        SalesReport.Period period(GroupBy groupBy) {
            String label = label(start, groupBy);
            Money average = confirmed == 0 ? null : new Money(BigDecimal.valueOf(gross)
                    .divide(BigDecimal.valueOf(confirmed), 0, RoundingMode.HALF_UP).longValueExact(), currency);
            return new SalesReport.Period(label, start, currency, placed, confirmed, cancelled, expired, units,
                    new Money(gross, currency), new Money(refunded, currency), new Money(gross - refunded, currency),
                    average);
        }
    }
}
