package dev.orderstream.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Stock figures over a range of days: top sellers, SKUs sold out, holds that expired. */
@RegisterForReflection
@Schema(description = "Stock figures over a range of days (in the store's time zone)",
        requiredProperties = {"zone", "from", "to", "unitsSold", "topSellers", "soldOut", "expiredHolds", "unitsReleased",
                "releasedBySku"})
public record StockReport(
        @Schema(description = "The time zone the days are counted in (orderstream.analytics.zone)") String zone,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The channel the figures are of; absent: every channel")
        @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
        @Schema(description = "Units of the orders confirmed in the range, every SKU (the sales report's unitsSold)")
        long unitsSold,
        @Schema(description = "The SKUs with the most units of orders confirmed in the range, most first (at most limit)")
        List<Units> topSellers,
        @Schema(description = "SKUs whose last available units an order took in the range (by the stock its placement "
                + "read), most often first (at most limit): how often, and the last day it happened")
        List<SoldOut> soldOut,
        @Schema(description = "Unpaid orders whose hold ran out in the range (the sales report's ordersExpired)")
        long expiredHolds,
        @Schema(description = "Units those expired holds gave back to sale") long unitsReleased,
        @Schema(description = "Those units by SKU, most first (at most limit)") List<Units> releasedBySku,
        @Schema(description = "With groupBy: day, week (ISO, from Monday) or month")
        @JsonInclude(JsonInclude.Include.NON_NULL) String groupBy,
        @Schema(description = "In a series: the period, 2026-12-03 (day), 2026-W49 (week) or 2026-12 (month), and its from "
                + "and to are the days of the range in it") @JsonInclude(JsonInclude.Include.NON_NULL) String period,
        @Schema(description = "With groupBy: the same figures per period, in period order (the fields above are the whole "
                + "range's)") @JsonInclude(JsonInclude.Include.NON_NULL) List<StockReport> series) {

    /** This report with its figures per period. */
    public StockReport grouped(String groupBy, List<StockReport> series) {
        return new StockReport(zone, from, to, channel, unitsSold, topSellers, soldOut, expiredHolds, unitsReleased,
                releasedBySku, groupBy, period, series);
    }

    /** This report as one period of a series. */
    public StockReport ofPeriod(String period) {
        return new StockReport(zone, from, to, channel, unitsSold, topSellers, soldOut, expiredHolds, unitsReleased,
                releasedBySku, null, period, null);
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"sku", "units"})
    public record Units(String sku, long units) {
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"sku", "times", "lastDay"})
    public record SoldOut(String sku, long times, LocalDate lastDay) {
    }
}
