package dev.orderstream.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderstream.common.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Sales per period and currency (never one currency added to another). */
@RegisterForReflection
@Schema(description = "Sales per period (day, week or month in the store's time zone) and currency",
        requiredProperties = {"zone", "groupBy", "from", "to", "series"})
public record SalesReport(
        @Schema(description = "The time zone the days are counted in (orderstream.analytics.zone)") String zone,
        @Schema(description = "day, week (ISO, from Monday) or month") String groupBy,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The channel the figures are of; absent: every channel")
        @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
        @Schema(description = "One entry per period and currency that has any, in period order") List<Period> series) {

    @RegisterForReflection
    @Schema(description = "One period's sales in one currency. ordersPlaced, ordersConfirmed, ordersCancelled, "
            + "ordersExpired: orders whose placement, confirmation (payment authorized), cancellation or expiry "
            + "happened in the period; unitsSold and grossRevenue: the units and totals of the orders confirmed in "
            + "it; refunds: refunds issued in it; netRevenue = grossRevenue - refunds; averageOrderValue = "
            + "grossRevenue / ordersConfirmed (absent without confirmations). An imported order counts on the day "
            + "it was placed in its channel.",
            requiredProperties = {"period", "currency", "ordersPlaced", "ordersConfirmed", "ordersCancelled",
                    "ordersExpired", "unitsSold", "grossRevenue", "refunds", "netRevenue"})
    public record Period(
            @Schema(description = "2026-12-03 (day), 2026-W49 (week) or 2026-12 (month)") String period,
            LocalDate start,
            String currency,
            int ordersPlaced,
            int ordersConfirmed,
            int ordersCancelled,
            int ordersExpired,
            int unitsSold,
            Money grossRevenue,
            Money refunds,
            Money netRevenue,
            @JsonInclude(JsonInclude.Include.NON_NULL) Money averageOrderValue) {
    }
}
