package dev.orderstream.analytics.api;

import dev.orderstream.common.CsvCells;
import dev.orderstream.common.Money;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The analytics reports as CSV (RFC 4180, CRLF), for Accept: text/csv: a header, then a row per
 * entry of the report's series (the post-sale report, which has none, a row per figure). Money in
 * minor units and as a decimal; rates as fractions; an absent figure an empty cell.
 */
final class AnalyticsCsv {

    static final String CSV = "text/csv";
    static final String SALES_COLUMNS = "period, start, currency, orders_placed, orders_confirmed, orders_cancelled, "
            + "orders_expired, units_sold, gross_revenue_minor, gross_revenue, refunds_minor, refunds, net_revenue_minor, "
            + "net_revenue, average_order_value_minor, average_order_value";
    static final String LEAD_TIME_COLUMNS = "period, start, metric, carrier, count, p50_seconds, p90_seconds, "
            + "p99_seconds, max_seconds, share_within_hours, within_hours";
    static final String DELIVERY_COLUMNS = "period, start, carrier, orders_shipped, orders_shipped_partially, "
            + "partial_shipment_share, shipments_delivered, delivered_with_estimate, delivered_on_time, on_time_rate, "
            + "exceptions, exceptions_by_kind";
    static final String POST_SALE_COLUMNS = "period, from, to, figure, label, currency, value, amount_minor, amount";
    static final String STOCK_COLUMNS = "period, from, to, figure, sku, value, last_day";

    private AnalyticsCsv() {
    }

    static String sales(SalesReport report) {
        StringBuilder csv = header(SALES_COLUMNS);
        for (SalesReport.Period period : report.series()) {
            CsvCells.text(csv, period.period()).append(',').append(period.start()).append(',');
            CsvCells.text(csv, period.currency()).append(',')
                    .append(period.ordersPlaced()).append(',').append(period.ordersConfirmed()).append(',')
                    .append(period.ordersCancelled()).append(',').append(period.ordersExpired()).append(',')
                    .append(period.unitsSold()).append(',');
            CsvCells.money(csv, period.grossRevenue()).append(',');
            CsvCells.money(csv, period.refunds()).append(',');
            CsvCells.money(csv, period.netRevenue()).append(',');
            if (period.averageOrderValue() != null) {
                CsvCells.money(csv, period.averageOrderValue());
            } else {
                csv.append(',');
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    static String leadTimes(LeadTimeReport report) {
        StringBuilder csv = header(LEAD_TIME_COLUMNS);
        for (LeadTimeReport.Period period : report.series()) {
            CsvCells.text(csv, period.period()).append(',').append(period.start()).append(',');
            CsvCells.text(csv, period.metric()).append(',');
            CsvCells.text(csv, period.carrier()).append(',')
                    .append(period.count()).append(',').append(period.p50Seconds()).append(',')
                    .append(period.p90Seconds()).append(',').append(period.p99Seconds()).append(',')
                    .append(period.maxSeconds()).append(',').append(period.shareWithin()).append(',')
                    .append(report.withinHours()).append("\r\n");
        }
        return csv.toString();
    }

    static String delivery(DeliveryReport report) {
        StringBuilder csv = header(DELIVERY_COLUMNS);
        for (DeliveryReport.Period period : report.series()) {
            CsvCells.text(csv, period.period()).append(',').append(period.start()).append(',');
            CsvCells.text(csv, period.carrier()).append(',')
                    .append(period.ordersShipped()).append(',').append(period.ordersShippedPartially()).append(',');
            rate(csv, period.partialShipmentShare()).append(',')
                    .append(period.shipmentsDelivered()).append(',').append(period.deliveredWithEstimate()).append(',')
                    .append(period.deliveredOnTime()).append(',');
            rate(csv, period.onTimeRate()).append(',').append(period.exceptionCount()).append(',');
            CsvCells.text(csv, period.exceptions().stream().map(kind -> kind.kind() + "=" + kind.count())
                    .collect(Collectors.joining(";"))).append("\r\n");
        }
        return csv.toString();
    }

    /** The whole range's rows (no period), then each period's. */
    static String postSale(PostSaleReport report) {
        StringBuilder csv = header(POST_SALE_COLUMNS);
        postSaleRows(csv, report);
        if (report.series() != null) {
            report.series().forEach(period -> postSaleRows(csv, period));
        }
        return csv.toString();
    }

    private static void postSaleRows(StringBuilder csv, PostSaleReport report) {
        String at = at(report.period(), report.from(), report.to());
        figure(csv, at, "orders_placed", null, report.ordersPlaced());
        figure(csv, at, "orders_confirmed", null, report.ordersConfirmed());
        figure(csv, at, "orders_cancelled", null, report.ordersCancelled());
        figure(csv, at, "units_sold", null, report.unitsSold());
        figure(csv, at, "cancellation_rate", null, report.cancellationRate());
        report.cancellationsByReason().forEach(reason -> {
            figure(csv, at, "cancellations", reason.label(), reason.count());
            figure(csv, at, "cancellation_rate_by_reason", reason.label(), reason.rate());
        });
        for (PostSaleReport.Refunds refund : report.refundsByReason()) {
            Money amount = refund.amount();
            csv.append(at).append("refunds,");
            CsvCells.text(csv, refund.reason()).append(',');
            CsvCells.text(csv, amount.currency()).append(',').append(refund.count()).append(',');
            CsvCells.money(csv, amount).append("\r\n");
        }
        figure(csv, at, "returns_received", null, report.returnsReceived());
        figure(csv, at, "orders_returned", null, report.ordersReturned());
        figure(csv, at, "order_return_rate", null, report.orderReturnRate());
        figure(csv, at, "units_returned", null, report.unitsReturned());
        figure(csv, at, "unit_return_rate", null, report.unitReturnRate());
        report.topReturnedSkus().forEach(sku -> figure(csv, at, "units_returned_by_sku", sku.label(), sku.count()));
        figure(csv, at, "feedback_count", null, report.feedback().count());
        figure(csv, at, "feedback_average", null, report.feedback().average());
        for (Map.Entry<String, Long> rating : report.feedback().distribution().entrySet()) {
            figure(csv, at, "feedback_rating", rating.getKey(), rating.getValue());
        }
        figure(csv, at, "abandoned_checkouts", null, report.abandonedCheckouts());
        figure(csv, at, "recovered_checkouts", null, report.recoveredCheckouts());
    }

    /** The whole range's rows (no period), then each period's. */
    static String stock(StockReport report) {
        StringBuilder csv = header(STOCK_COLUMNS);
        stockRows(csv, report);
        if (report.series() != null) {
            report.series().forEach(period -> stockRows(csv, period));
        }
        return csv.toString();
    }

    private static void stockRows(StringBuilder csv, StockReport report) {
        String at = at(report.period(), report.from(), report.to());
        csv.append(at).append("units_sold,,").append(report.unitsSold()).append(",\r\n");
        for (StockReport.Units seller : report.topSellers()) {
            csv.append(at).append("units_sold_by_sku,");
            CsvCells.text(csv, seller.sku()).append(',').append(seller.units()).append(",\r\n");
        }
        for (StockReport.SoldOut sku : report.soldOut()) {
            csv.append(at).append("sold_out,");
            CsvCells.text(csv, sku.sku()).append(',').append(sku.times()).append(',').append(sku.lastDay()).append("\r\n");
        }
        csv.append(at).append("expired_holds,,").append(report.expiredHolds()).append(",\r\n");
        csv.append(at).append("units_released,,").append(report.unitsReleased()).append(",\r\n");
        for (StockReport.Units sku : report.releasedBySku()) {
            csv.append(at).append("units_released_by_sku,");
            CsvCells.text(csv, sku.sku()).append(',').append(sku.units()).append(",\r\n");
        }
    }

    /** A row's first cells: its period (empty for the whole range) and its days. */
    private static String at(String period, java.time.LocalDate from, java.time.LocalDate to) {
        StringBuilder cells = new StringBuilder();
        CsvCells.text(cells, period).append(',').append(from).append(',').append(to).append(',');
        return cells.toString();
    }

    /** The columns of a report's CSV, as its first row. */
    static List<String> columns(String text) {
        return List.of(text.split(", "));
    }

    private static StringBuilder header(String columns) {
        return new StringBuilder(String.join(",", columns(columns))).append("\r\n");
    }

    private static void figure(StringBuilder csv, String at, String figure, String label, Number value) {
        csv.append(at).append(figure).append(',');
        CsvCells.text(csv, label).append(",,");
        if (value != null) {
            csv.append(value);
        }
        csv.append(",,\r\n");
    }

    private static StringBuilder rate(StringBuilder csv, Double value) {
        return value == null ? csv : csv.append(value);
    }
}
