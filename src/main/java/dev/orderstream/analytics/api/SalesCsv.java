package dev.orderstream.analytics.api;

import dev.orderstream.common.CsvCells;

import java.util.List;

/** A sales report as CSV (RFC 4180, CRLF): a row per period and currency, money in minor units and as a decimal. */
final class SalesCsv {

    static final String CSV = "text/csv";
    static final String HEADER_TEXT = "period, start, currency, orders_placed, orders_confirmed, orders_cancelled, "
            + "orders_expired, units_sold, gross_revenue_minor, gross_revenue, refunds_minor, refunds, net_revenue_minor, "
            + "net_revenue, average_order_value_minor, average_order_value";
    static final List<String> COLUMNS = List.of(HEADER_TEXT.split(", "));

    private SalesCsv() {
    }

    static String of(SalesReport report) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
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
}
