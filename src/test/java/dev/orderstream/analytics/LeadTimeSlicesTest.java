package dev.orderstream.analytics;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How a lead-time query splits its range into periods: which it reads from their own stored rows,
 * which it merges from days, and which can no longer change (and so are kept once computed).
 */
class LeadTimeSlicesTest {

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static AnalyticsService.Slice slice(String start, String first, String last, boolean whole, boolean closed) {
        return new AnalyticsService.Slice(day(start), day(first), day(last), whole, closed);
    }

    /** Thursday 3 Dec 2026: 90 days back by week, the way the dashboard and the bench ask. */
    @Test
    void ninetyDaysByWeekReadWholeWeeksTheCutFirstWeekByDaysAndTheCurrentWeekWhole() {
        LocalDate today = day("2026-12-03");
        List<AnalyticsService.Slice> slices = AnalyticsService.slices(today.minusDays(89), today, LeadTimes.Period.WEEK, today);
        assertEquals(14, slices.size());
        // 5 Sep is a Saturday: its week is cut, read from its two days, long closed
        assertEquals(slice("2026-08-31", "2026-09-05", "2026-09-06", false, true), slices.get(0));
        assertEquals(slice("2026-09-07", "2026-09-07", "2026-09-13", true, true), slices.get(1));
        // last week ended on Sunday 29 Nov, before yesterday: closed
        assertEquals(slice("2026-11-23", "2026-11-23", "2026-11-29", true, true), slices.get(12));
        // this week: up to today, its own row (Friday to Sunday hold nothing yet), still open
        assertEquals(slice("2026-11-30", "2026-11-30", "2026-12-03", true, false), slices.get(13));
    }

    @Test
    void aWeekThatEndedYesterdayIsNotClosedYet() {
        LocalDate monday = day("2026-11-30");
        List<AnalyticsService.Slice> slices = AnalyticsService.slices(day("2026-11-23"), day("2026-11-29"),
                LeadTimes.Period.WEEK, monday);
        assertEquals(List.of(slice("2026-11-23", "2026-11-23", "2026-11-29", true, false)), slices,
                "a late event of Sunday night may still be on its way to the projector");
        assertTrue(AnalyticsService.slices(day("2026-11-23"), day("2026-11-29"), LeadTimes.Period.WEEK, day("2026-12-01"))
                .get(0).closed());
    }

    @Test
    void aRangeEndingBeforeTodayCutsItsLastPeriodIntoDays() {
        List<AnalyticsService.Slice> slices = AnalyticsService.slices(day("2026-10-01"), day("2026-11-10"),
                LeadTimes.Period.MONTH, day("2026-12-03"));
        assertEquals(List.of(slice("2026-10-01", "2026-10-01", "2026-10-31", true, true),
                slice("2026-11-01", "2026-11-01", "2026-11-10", false, true)), slices);
    }

    @Test
    void aRangeIntoTheFutureReadsTheCurrentPeriodWholeButNotOneItStartsInsideOf() {
        List<AnalyticsService.Slice> slices = AnalyticsService.slices(day("2026-12-02"), day("2026-12-04"),
                LeadTimes.Period.MONTH, day("2026-12-03"));
        assertEquals(List.of(slice("2026-12-01", "2026-12-02", "2026-12-04", false, false)), slices,
                "the range starts after the month does: merged from its days");
        assertEquals(List.of(slice("2026-12-01", "2026-12-01", "2026-12-04", true, false)),
                AnalyticsService.slices(day("2026-12-01"), day("2026-12-04"), LeadTimes.Period.MONTH, day("2026-12-03")));
    }
}
