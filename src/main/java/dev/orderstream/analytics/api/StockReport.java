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
        @Schema(description = "Those units by SKU, most first (at most limit)") List<Units> releasedBySku) {

    @RegisterForReflection
    @Schema(requiredProperties = {"sku", "units"})
    public record Units(String sku, long units) {
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"sku", "times", "lastDay"})
    public record SoldOut(String sku, long times, LocalDate lastDay) {
    }
}
