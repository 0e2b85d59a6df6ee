package dev.orderstream.order.api;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static dev.orderstream.common.CsvCells.money;
import static dev.orderstream.common.CsvCells.text;

/**
 * How exportOrders writes orders (README "Export"): CSV with a row per order line (RFC 4180:
 * CRLF, fields quoted when they hold a comma, a quote or a line break; text cells that a
 * spreadsheet would run as a formula — starting with {@code = + - @}, a tab or a carriage return —
 * are written with a leading apostrophe), or JSON Lines with an order per line. Orders are written
 * in groups, one chunk each, as the database cursor hands them over.
 */
public final class OrderExport {

    public static final String CSV = "text/csv";
    public static final String JSONL = "application/jsonl";
    static final int ORDERS_PER_CHUNK = 100;

    /** The CSV columns, in order (documented in the README and the OpenAPI description). */
    public static final List<String> COLUMNS = List.of("order_id", "order_number", "created_at", "status",
            "payment_status", "channel", "customer_id", "email", "ship_name", "ship_line1", "ship_line2", "ship_city",
            "ship_postal_code", "ship_country", "ship_phone", "currency", "order_total_minor", "order_total",
            "line_sku", "line_name", "line_quantity", "line_unit_price_minor", "line_unit_price",
            "line_total_minor", "line_total", "line_shipped_quantity", "line_returned_quantity", "external_order_id",
            "tags");

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private OrderExport() {
    }

    public static Multi<Buffer> csv(Multi<ExportedOrder> orders, boolean bom) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            header.append(i == 0 ? "" : ",").append(COLUMNS.get(i));
        }
        header.append("\r\n");
        Buffer first = Buffer.buffer();
        if (bom) {
            first.appendBytes(BOM);
        }
        first.appendString(header.toString(), StandardCharsets.UTF_8.name());
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(first),
                chunks(orders, OrderExport::csvRows));
    }

    public static Multi<Buffer> jsonl(Multi<ExportedOrder> orders, ObjectMapper json) {
        return chunks(orders, order -> {
            try {
                return json.writeValueAsString(order) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an exported order could not be written as JSON", e);
            }
        });
    }

    private static Multi<Buffer> chunks(Multi<ExportedOrder> orders, Function<ExportedOrder, String> text) {
        return orders.group().intoLists().of(ORDERS_PER_CHUNK).map(group -> {
            StringBuilder chunk = new StringBuilder(group.size() * 256);
            group.forEach(order -> chunk.append(text.apply(order)));
            return Buffer.buffer(chunk.toString(), StandardCharsets.UTF_8.name());
        });
    }

    static String csvRows(ExportedOrder order) {
        StringBuilder rows = new StringBuilder();
        OrderResponse.Address ship = order.shippingAddress();
        for (OrderResponse.Line line : order.lines()) {
            text(rows, order.id().toString()).append(',').append(order.number()).append(',');
            text(rows, order.createdAt().toString()).append(',');
            text(rows, order.status().name()).append(',');
            text(rows, order.paymentStatus().name()).append(',');
            text(rows, order.channel()).append(',');
            text(rows, order.customerId()).append(',');
            text(rows, order.email()).append(',');
            text(rows, ship.name()).append(',');
            text(rows, ship.line1()).append(',');
            text(rows, ship.line2()).append(',');
            text(rows, ship.city()).append(',');
            text(rows, ship.postalCode()).append(',');
            text(rows, ship.country()).append(',');
            text(rows, ship.phone()).append(',');
            text(rows, order.total().currency()).append(',');
            money(rows, order.total()).append(',');
            text(rows, line.sku()).append(',');
            text(rows, line.name()).append(',');
            rows.append(line.quantity()).append(',');
            money(rows, line.unitPrice()).append(',');
            money(rows, line.lineTotal()).append(',');
            rows.append(line.shippedQuantity()).append(',').append(line.returnedQuantity()).append(',');
            text(rows, order.externalOrderId()).append(',');
            text(rows, String.join(" ", order.tags())).append("\r\n");
        }
        return rows.toString();
    }
}
