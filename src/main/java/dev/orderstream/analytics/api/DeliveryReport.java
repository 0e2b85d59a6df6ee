package dev.orderstream.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Shipping and delivery figures per period, over every carrier and per carrier. */
@RegisterForReflection
@Schema(description = "Shipping and delivery figures per period (day, week or month in the store's time zone), over every "
        + "carrier and per carrier", requiredProperties = {"zone", "groupBy", "from", "to", "series"})
public record DeliveryReport(
        @Schema(description = "The time zone the days are counted in (orderstream.analytics.zone)") String zone,
        @Schema(description = "day, week (ISO, from Monday) or month") String groupBy,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The channel the figures are of; absent: every channel")
        @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
        @Schema(description = "Per period: one entry over every carrier (no carrier), then one per carrier; in period order")
        List<Period> series) {

    @RegisterForReflection
    @Schema(description = "One period's shipping and delivery figures, each counted on the day of its event. "
            + "ordersShipped: orders whose first shipment left in the period; ordersShippedPartially: of those, the ones "
            + "whose first shipment left units to ship later (split orders); partialShipmentShare: the second over the "
            + "first. shipmentsDelivered: shipments delivered in the period; deliveredWithEstimate: those a carrier had "
            + "given an estimated delivery for (carrier tracking events); deliveredOnTime: those of them delivered on or "
            + "before the day of the first estimate (a later estimate does not move it); onTimeRate: on time over with "
            + "an estimate. exceptions: carrier exception scans by kind (the scan's subStatus, 'unspecified' when it "
            + "named none). Imported orders' history is not counted.",
            requiredProperties = {"period", "start", "ordersShipped", "ordersShippedPartially", "shipmentsDelivered",
                    "deliveredWithEstimate", "deliveredOnTime", "exceptionCount", "exceptions"})
    public record Period(
            @Schema(description = "2026-12-03 (day), 2026-W49 (week) or 2026-12 (month)") String period,
            LocalDate start,
            @Schema(description = "The carrier; absent: every carrier together")
            @JsonInclude(JsonInclude.Include.NON_NULL) String carrier,
            long ordersShipped,
            long ordersShippedPartially,
            @Schema(description = "0 to 1; absent when no order shipped")
            @JsonInclude(JsonInclude.Include.NON_NULL) Double partialShipmentShare,
            long shipmentsDelivered,
            long deliveredWithEstimate,
            long deliveredOnTime,
            @Schema(description = "0 to 1; absent when no shipment with an estimate was delivered")
            @JsonInclude(JsonInclude.Include.NON_NULL) Double onTimeRate,
            long exceptionCount,
            @Schema(description = "Exception scans by kind, most frequent first") List<Exceptions> exceptions) {
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"kind", "count"})
    public record Exceptions(String kind, long count) {
    }
}
