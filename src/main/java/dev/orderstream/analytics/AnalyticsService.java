package dev.orderstream.analytics;

import dev.orderstream.analytics.api.LeadTimeReport;
import dev.orderstream.analytics.api.PostSaleReport;
import dev.orderstream.analytics.api.SalesReport;
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

    public AnalyticsService(AnalyticsRepository analytics, OrderstreamConfig config) {
        this.analytics = analytics;
        this.config = config.analytics();
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

    /** Post-sale figures from {@code from} to {@code to} (inclusive), with the sales they are rates of. */
    public Uni<PostSaleReport> postSale(LocalDate from, LocalDate to, String channel) {
        return analytics.sales(from, to, channel).chain(days -> analytics.postSale(from, to, channel).map(totals -> {
            int placed = 0, confirmed = 0, cancelled = 0, expired = 0, units = 0;
            for (AnalyticsRepository.DailySales day : days) {
                placed += day.placed();
                confirmed += day.confirmed();
                cancelled += day.cancelled();
                expired += day.expired();
                units += day.unitsSold();
            }
            List<PostSaleReport.Count> cancellations = new ArrayList<>();
            List<PostSaleReport.Refunds> refunds = new ArrayList<>();
            List<PostSaleReport.Count> returnedSkus = new ArrayList<>();
            Map<String, Long> ratings = new TreeMap<>();
            for (int rating = 1; rating <= 5; rating++) {
                ratings.put(String.valueOf(rating), 0L);
            }
            long returns = 0, returnedUnits = 0, recovered = 0;
            for (AnalyticsRepository.PostSaleTotal total : totals) {
                switch (total.figure()) {
                    case PostSaleRollup.CANCELLATION -> cancellations.add(new PostSaleReport.Count(total.label(), total.count()));
                    case PostSaleRollup.REFUND -> refunds.add(new PostSaleReport.Refunds(total.label(), total.count(),
                            new Money(total.amount(), total.currency())));
                    case PostSaleRollup.RETURNED_UNITS -> {
                        returnedUnits += total.count();
                        if (returnedSkus.size() < 10) {
                            returnedSkus.add(new PostSaleReport.Count(total.label(), total.count()));
                        }
                    }
                    case PostSaleRollup.RETURN_RECEIVED -> returns += total.count();
                    case PostSaleRollup.FEEDBACK -> ratings.merge(total.label(), total.count(), Long::sum);
                    case PostSaleRollup.RECOVERED -> recovered += total.count();
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
                    placed == 0 ? null : (double) cancelled / placed, cancellations, refunds, returns, returnedUnits,
                    units == 0 ? null : (double) returnedUnits / units, returnedSkus,
                    new PostSaleReport.Feedback(rated, rated == 0 ? null : (double) points / rated, ratings),
                    expired, recovered);
        }));
    }

    /**
     * Lead times from {@code from} to {@code to}, per period and metric, over every carrier and per
     * carrier. A period wholly inside the range is read from its own stored histograms; one the
     * range cuts (its first or last) is merged from the stored days inside the range.
     */
    public Uni<LeadTimeReport> leadTimes(LocalDate from, LocalDate to, String channel, GroupBy groupBy, int withinHours) {
        LeadTimes.Period unit = LeadTimes.Period.valueOf(groupBy.name());
        Map<LeadTimes.Period, List<LocalDate>> read = new java.util.EnumMap<>(LeadTimes.Period.class);
        for (LeadTimes.Period period : LeadTimes.Period.values()) {
            read.put(period, new ArrayList<>());
        }
        for (LocalDate start = unit.startOf(from); !start.isAfter(to); start = unit.endAfter(start)) {
            LocalDate end = unit.endAfter(start); // exclusive
            if (!start.isBefore(from) && !end.isAfter(to.plusDays(1))) {
                read.get(unit).add(start);
            } else {
                for (LocalDate day = start.isBefore(from) ? from : start; day.isBefore(end) && !day.isAfter(to); day = day.plusDays(1)) {
                    read.get(LeadTimes.Period.DAY).add(day);
                }
            }
        }
        return analytics.leadTimes(read.get(LeadTimes.Period.DAY), read.get(LeadTimes.Period.WEEK),
                read.get(LeadTimes.Period.MONTH), channel == null ? LeadTimes.EVERY_CHANNEL : channel).map(stored -> {
            // period start, metric, carrier ("" = every carrier) -> the merged histogram
            Map<String, Merged> merged = new TreeMap<>();
            for (AnalyticsRepository.StoredLeadTimes row : stored) {
                LocalDate start = unit.startOf(row.row().start());
                String carrier = row.row().carrier();
                merged.computeIfAbsent(start + " " + row.row().metric().ordinal() + " " + carrier,
                                k -> new Merged(start, row.row().metric(), carrier.isEmpty() ? null : carrier))
                        .histogram.add(row.histogram());
            }
            long within = java.time.Duration.ofHours(withinHours).toSeconds();
            List<LeadTimeReport.Period> series = new ArrayList<>(merged.size());
            merged.values().forEach(m -> series.add(new LeadTimeReport.Period(label(m.start, groupBy), m.start,
                    m.metric.wireName(), m.carrier, m.histogram.getTotalCount(),
                    m.histogram.getValueAtPercentile(50), m.histogram.getValueAtPercentile(90),
                    m.histogram.getValueAtPercentile(99), m.histogram.getMaxValue(),
                    m.histogram.getTotalCount() == 0 ? 0 : (double) m.histogram.getCountBetweenValues(0, within)
                            / m.histogram.getTotalCount())));
            return new LeadTimeReport(config.zone().getId(), groupBy.name().toLowerCase(), from, to, channel, withinHours,
                    series);
        });
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
        return analytics.reset();
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
