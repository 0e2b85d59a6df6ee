package dev.orderstream.order;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Counting business hours back from an instant: within a day, over nights, weekends and a time zone's DST change. */
class BusinessHoursTest {

    private static final BusinessHours BERLIN = new BusinessHours(ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0),
            LocalTime.of(17, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    private static Instant berlin(String local) {
        return java.time.LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }

    @Test
    void withinOneDay() {
        assertEquals(berlin("2026-12-04T14:00"), BERLIN.before(berlin("2026-12-04T16:00"), Duration.ofHours(2)));
    }

    @Test
    void afterClosingCountsFromTheClose() {
        assertEquals(berlin("2026-12-04T15:00"), BERLIN.before(berlin("2026-12-04T22:30"), Duration.ofHours(2)));
    }

    @Test
    void overTheWeekend() {
        // Monday 10:00 less 8 business hours: Monday 9-10 (1 h), then Friday 10-17 (7 h)
        assertEquals(berlin("2026-12-04T10:00"), BERLIN.before(berlin("2026-12-07T10:00"), Duration.ofHours(8)));
        // Sunday counts from Friday's close
        assertEquals(berlin("2026-12-04T13:00"), BERLIN.before(berlin("2026-12-06T12:00"), Duration.ofHours(4)));
    }

    @Test
    void sixteenHoursAreTwoWorkingDays() {
        assertEquals(berlin("2026-12-02T11:00"), BERLIN.before(berlin("2026-12-04T11:00"), Duration.ofHours(16)));
    }

    @Test
    void overTheChangeToSummerTime() {
        // 2027-03-28 is a Sunday (clocks go forward at 02:00); Monday 09:30 less 1 h is Friday 16:30
        assertEquals(berlin("2027-03-26T16:30"), BERLIN.before(berlin("2027-03-29T09:30"), Duration.ofHours(1)));
    }

    @Test
    void zeroHoursIsTheInstantItself_andAnEmptyWeekIsRefused() {
        assertEquals(berlin("2026-12-04T16:00"), BERLIN.before(berlin("2026-12-04T16:00"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new BusinessHours(ZoneId.of("UTC"), LocalTime.NOON,
                LocalTime.NOON, EnumSet.of(DayOfWeek.MONDAY)));
        assertThrows(IllegalArgumentException.class, () -> new BusinessHours(ZoneId.of("UTC"), LocalTime.of(9, 0),
                LocalTime.of(17, 0), EnumSet.noneOf(DayOfWeek.class)));
    }
}
