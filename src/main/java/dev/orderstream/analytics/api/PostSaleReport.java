package dev.orderstream.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderstream.common.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** After the sale, over a range of days: cancellations, refunds, returns, feedback, abandoned and recovered checkouts. */
@RegisterForReflection
@Schema(description = "Post-sale figures over a range of days (in the store's time zone), each counted on the day its "
        + "event happened. Rates are absent where their denominator is 0. Imported orders' history before the import "
        + "is not counted.",
        requiredProperties = {"zone", "from", "to", "ordersPlaced", "ordersConfirmed", "ordersCancelled", "unitsSold",
                "cancellationsByReason", "refundsByReason", "returnsReceived", "ordersReturned", "unitsReturned",
                "topReturnedSkus",
                "feedback", "abandonedCheckouts", "recoveredCheckouts"})
public record PostSaleReport(
        String zone,
        LocalDate from,
        LocalDate to,
        @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
        @Schema(description = "Orders placed in the range (the sales report's ordersPlaced)") int ordersPlaced,
        @Schema(description = "Orders confirmed in the range") int ordersConfirmed,
        @Schema(description = "Orders cancelled in the range") int ordersCancelled,
        @Schema(description = "Units of the orders confirmed in the range") int unitsSold,
        @Schema(description = "ordersCancelled / ordersPlaced")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double cancellationRate,
        @Schema(description = "Cancellations by reason, most first, each with its rate (of ordersPlaced)")
        List<Reason> cancellationsByReason,
        @Schema(description = "Refunds by reason and currency, most first (a cancelled paid order's refund says 'order cancelled')")
        List<Refunds> refundsByReason,
        @Schema(description = "Returns whose units arrived back") long returnsReceived,
        @Schema(description = "Orders whose first return arrived back in the range (an order returned in two parcels counts once)")
        long ordersReturned,
        @Schema(description = "ordersReturned / ordersConfirmed")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double orderReturnRate,
        @Schema(description = "Units that arrived back") long unitsReturned,
        @Schema(description = "unitsReturned / unitsSold")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double unitReturnRate,
        @Schema(description = "The SKUs most returned (units), at most 10") List<Count> topReturnedSkus,
        Feedback feedback,
        @Schema(description = "Orders that expired unpaid in the range (abandoned checkouts)") int abandonedCheckouts,
        @Schema(description = "Expired checkouts placed again from the recovery email in the range") long recoveredCheckouts,
        @Schema(description = "With groupBy: day, week (ISO, from Monday) or month")
        @JsonInclude(JsonInclude.Include.NON_NULL) String groupBy,
        @Schema(description = "In a series: the period, 2026-12-03 (day), 2026-W49 (week) or 2026-12 (month), and its from "
                + "and to are the days of the range in it") @JsonInclude(JsonInclude.Include.NON_NULL) String period,
        @Schema(description = "With groupBy: the same figures per period, in period order (the fields above are the whole "
                + "range's)") @JsonInclude(JsonInclude.Include.NON_NULL) List<PostSaleReport> series) {

    /** This report with its figures per period. */
    public PostSaleReport grouped(String groupBy, List<PostSaleReport> series) {
        return new PostSaleReport(zone, from, to, channel, ordersPlaced, ordersConfirmed, ordersCancelled, unitsSold,
                cancellationRate, cancellationsByReason, refundsByReason, returnsReceived, ordersReturned, orderReturnRate,
                unitsReturned, unitReturnRate, topReturnedSkus, feedback, abandonedCheckouts, recoveredCheckouts, groupBy,
                period, series);
    }

    /** This report as one period of a series. */
    public PostSaleReport ofPeriod(String period) {
        return new PostSaleReport(zone, from, to, channel, ordersPlaced, ordersConfirmed, ordersCancelled, unitsSold,
                cancellationRate, cancellationsByReason, refundsByReason, returnsReceived, ordersReturned, orderReturnRate,
                unitsReturned, unitReturnRate, topReturnedSkus, feedback, abandonedCheckouts, recoveredCheckouts, null,
                period, null);
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"label", "count"})
    public record Count(String label, long count) {
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"label", "count"})
    public record Reason(String label, long count,
                         @Schema(description = "count / ordersPlaced; absent when none were placed")
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double rate) {
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"reason", "count", "amount"})
    public record Refunds(@Schema(description = "The refund's reason; empty when none was given") String reason,
                          long count, Money amount) {
    }

    @RegisterForReflection
    @Schema(description = "The ratings the tracking page's feedback form received", requiredProperties = {"count", "distribution"})
    public record Feedback(long count,
                           @Schema(description = "The mean rating, 1 to 5") @JsonInclude(JsonInclude.Include.NON_NULL) Double average,
                           @Schema(description = "How many of each rating, \"1\" to \"5\"") Map<String, Long> distribution) {
    }
}
