package dev.orderstream.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Lead-time percentiles per period and metric, over every carrier and per carrier. */
@RegisterForReflection
@Schema(description = "Lead times per period (day, week or month in the store's time zone) and metric, in whole seconds",
        requiredProperties = {"zone", "groupBy", "from", "to", "withinHours", "series"})
public record LeadTimeReport(
        @Schema(description = "The time zone the days are counted in (orderstream.analytics.zone)") String zone,
        @Schema(description = "day, week (ISO, from Monday) or month") String groupBy,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The channel the figures are of; absent: every channel")
        @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
        @Schema(description = "The N of shareWithin: the share of durations of at most N hours") int withinHours,
        @Schema(description = "Per period and metric: one entry over every carrier (no carrier), then one per carrier "
                + "where the metric has carriers; in period order") List<Period> series) {

    @RegisterForReflection
    @Schema(description = "One period's durations of one metric. placedToConfirmed: placement to confirmation (payment "
            + "authorized), on the day of confirmation; confirmedToShipped: confirmation to the order's first shipment, "
            + "by its carrier, on the day of the shipment; shippedToDelivered: first shipment to the whole order "
            + "delivered, by that carrier; placedToDelivered: placement to the whole order delivered. Percentiles "
            + "(the value at or below which that share of the durations lies) come from a mergeable histogram per "
            + "day: exact below 256 s, within 1% above. Imported orders' import-time milestones are not counted.",
            requiredProperties = {"period", "start", "metric", "count", "p50Seconds", "p90Seconds", "p99Seconds",
                    "maxSeconds", "shareWithin"})
    public record Period(
            @Schema(description = "2026-12-03 (day), 2026-W49 (week) or 2026-12 (month)") String period,
            LocalDate start,
            @Schema(enumeration = {"placedToConfirmed", "confirmedToShipped", "shippedToDelivered", "placedToDelivered"})
            String metric,
            @Schema(description = "The carrier; absent: every carrier together")
            @JsonInclude(JsonInclude.Include.NON_NULL) String carrier,
            long count,
            long p50Seconds,
            long p90Seconds,
            long p99Seconds,
            long maxSeconds,
            @Schema(description = "Share (0 to 1) of the durations of at most withinHours hours") double shareWithin) {
    }
}
