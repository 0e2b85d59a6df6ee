package dev.orderstream.order;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A merchant's working week: the hours from {@code opens} to {@code closes} on {@code days}, in
 * {@code zone}. Answers when a span of business hours began, counting back from an instant, so
 * "confirmed but not shipped after 16 business hours" becomes a plain cutoff a query can use.
 */
public record BusinessHours(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> days) {

    public BusinessHours {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("business hours must open before they close: " + opens + "-" + closes);
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("business hours need at least one business day");
        }
    }

    /** The latest instant from which {@code span} of business hours had passed by {@code end}. */
    public Instant before(Instant end, Duration span) {
        Duration left = span;
        ZonedDateTime cursor = end.atZone(zone);
        LocalDate day = cursor.toLocalDate();
        while (true) {
            if (days.contains(day.getDayOfWeek())) {
                ZonedDateTime open = day.atTime(opens).atZone(zone);
                ZonedDateTime close = day.atTime(closes).atZone(zone);
                ZonedDateTime until = cursor.isBefore(close) ? cursor : close;
                if (until.isAfter(open)) {
                    Duration available = Duration.between(open, until);
                    if (available.compareTo(left) >= 0) {
                        return until.minus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            day = day.minusDays(1);
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
    }
}
