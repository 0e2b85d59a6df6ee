package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.Money;
import dev.orderstream.order.api.OrderMapper;
import dev.orderstream.order.api.ExportedOrder;
import dev.orderstream.order.api.OrderResponse;
import dev.orderstream.order.api.OrderSummaryResponse;
import dev.orderstream.order.api.TrackingResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rows of {@link OrderRepository}'s one-query reads to what clients read. The child collections
 * come as JSON arrays of arrays (columns in the order the query builds them), times in epoch
 * microseconds, so that nothing is lost on the way (the same instants the aggregate would give).
 */
final class OrderRows {

    private static final SkuQuantitiesConverter SKU_QUANTITIES = new SkuQuantitiesConverter();

    private OrderRows() {
    }

    static OrderSummaryResponse summary(Row row) {
        String currency = row.getString("currency");
        return new OrderSummaryResponse(row.getUUID("id"), row.getLong("number"), row.getString("customer_id"),
                row.getString("email"), row.getString("channel"), row.getString("external_order_id"), tags(row),
                OrderStatus.valueOf(row.getString("status")),
                PaymentStatus.valueOf(row.getString("payment_status")), lines(row.getJsonArray("lines"), currency),
                new Money(row.getLong("total_amount"), currency), instant(row.getOffsetDateTime("reserved_until")),
                row.getLong("version"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")),
                row.getString("attention") == null ? List.of() : List.of(row.getString("attention").split(",")));
    }

    static ExportedOrder exported(Row row) {
        String currency = row.getString("currency");
        return new ExportedOrder(row.getUUID("id"), row.getLong("number"), instant(row.getOffsetDateTime("created_at")),
                OrderStatus.valueOf(row.getString("status")), PaymentStatus.valueOf(row.getString("payment_status")),
                row.getString("channel"), row.getString("external_order_id"), tags(row), row.getString("customer_id"),
                row.getString("email"),
                new OrderResponse.Address(row.getString("ship_name"), row.getString("ship_line1"),
                        row.getString("ship_line2"), row.getString("ship_city"), row.getString("ship_postal_code"),
                        row.getString("ship_country"), row.getString("ship_phone")),
                lines(row.getJsonArray("lines"), currency), new Money(row.getLong("total_amount"), currency));
    }

    static OrderResponse response(Row row) {
        String currency = row.getString("currency");
        List<OrderResponse.PaymentResponse> payments = payments(row.getJsonArray("payments"), currency);
        String cancellation = row.getString("cancellation_reason");
        return new OrderResponse(
                row.getUUID("id"),
                row.getLong("number"),
                row.getString("customer_id"),
                row.getString("email"),
                row.getString("channel"),
                row.getString("external_order_id"),
                tags(row),
                OrderStatus.valueOf(row.getString("status")),
                PaymentStatus.valueOf(row.getString("payment_status")),
                new OrderResponse.Address(row.getString("ship_name"), row.getString("ship_line1"),
                        row.getString("ship_line2"), row.getString("ship_city"), row.getString("ship_postal_code"),
                        row.getString("ship_country"), row.getString("ship_phone")),
                lines(row.getJsonArray("lines"), currency),
                new Money(row.getLong("total_amount"), currency),
                totals(payments, currency),
                instant(row.getOffsetDateTime("reserved_until")),
                row.getString("tracking_token"),
                fulfillments(row.getJsonArray("fulfillments")),
                returns(row.getJsonArray("returns")),
                payments,
                cancellation == null ? null : new OrderResponse.Cancellation(CancellationReason.valueOf(cancellation),
                        row.getString("cancellation_note")),
                row.getOffsetDateTime("feedback_at") == null ? null : new OrderResponse.Feedback(
                        row.getInteger("feedback_rating"), row.getString("feedback_comment"),
                        instant(row.getOffsetDateTime("feedback_at"))),
                row.getString("language"),
                row.getUUID("recovered_from"),
                row.getUUID("recovered_by"),
                row.getLong("version"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    static TrackedOrder tracked(Row row) {
        return new TrackedOrder(row.getUUID("id"), tracking(row), fulfillments(row.getJsonArray("fulfillments")).stream()
                .map(OrderResponse.FulfillmentResponse::id).toList());
    }

    static TrackingResponse tracking(Row row) {
        JsonArray lines = row.getJsonArray("lines");
        List<TrackingResponse.Item> items = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonArray line = lines.getJsonArray(i);
            items.add(new TrackingResponse.Item(line.getString(0), line.getString(1), line.getInteger(2),
                    line.getInteger(4), line.getInteger(5)));
        }
        List<TrackingResponse.Shipment> shipments = fulfillments(row.getJsonArray("fulfillments")).stream()
                .map(f -> new TrackingResponse.Shipment(f.carrier(), f.trackingNumber(), f.trackingUrl(), f.lines(),
                        f.createdAt(), f.deliveredAt(), f.shipmentStatus(), f.estimatedDeliveryAt(),
                        f.firstEstimatedDeliveryAt()))
                .toList();
        return new TrackingResponse(row.getLong("number"), OrderStatus.valueOf(row.getString("status")), items,
                shipments, instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    private static List<String> tags(Row row) {
        String[] tags = row.getArrayOfStrings("tags");
        return tags == null ? List.of() : List.of(tags);
    }

    private static List<OrderResponse.Line> lines(JsonArray rows, String currency) {
        List<OrderResponse.Line> lines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray line = rows.getJsonArray(i);
            lines.add(OrderMapper.line(line.getString(0), line.getString(1), line.getInteger(2),
                    new Money(line.getLong(3), currency), line.getInteger(4), line.getInteger(5)));
        }
        return lines;
    }

    private static List<OrderResponse.FulfillmentResponse> fulfillments(JsonArray rows) {
        List<OrderResponse.FulfillmentResponse> fulfillments = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray f = rows.getJsonArray(i);
            fulfillments.add(new OrderResponse.FulfillmentResponse(UUID.fromString(f.getString(0)), f.getString(1),
                    f.getString(2), f.getString(3), skuQuantities(f.getString(4)), micros(f.getLong(5)),
                    micros(f.getLong(6)), f.getString(7) == null ? null : ShipmentStatus.valueOf(f.getString(7)),
                    micros(f.getLong(8)), micros(f.getLong(9))));
        }
        return fulfillments;
    }

    private static List<OrderResponse.ReturnResponse> returns(JsonArray rows) {
        List<OrderResponse.ReturnResponse> returns = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray r = rows.getJsonArray(i);
            returns.add(new OrderResponse.ReturnResponse(UUID.fromString(r.getString(0)), r.getString(1), r.getString(2),
                    r.getBoolean(3), skuQuantities(r.getString(4)), micros(r.getLong(5)), micros(r.getLong(6))));
        }
        return returns;
    }

    private static List<OrderResponse.PaymentResponse> payments(JsonArray rows, String currency) {
        List<OrderResponse.PaymentResponse> payments = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray p = rows.getJsonArray(i);
            String returnId = p.getString(6);
            payments.add(new OrderResponse.PaymentResponse(UUID.fromString(p.getString(0)),
                    PaymentKind.valueOf(p.getString(1)), new Money(p.getLong(2), currency), p.getString(3),
                    p.getString(4), p.getString(5), returnId == null ? null : UUID.fromString(returnId),
                    micros(p.getLong(7))));
        }
        return payments;
    }

    /** What was authorized, captured, voided and refunded, summed as the aggregate sums its own records. */
    private static OrderResponse.PaymentTotals totals(List<OrderResponse.PaymentResponse> payments, String currency) {
        return OrderMapper.totals(Payments.Totals.of(payments, OrderResponse.PaymentResponse::kind,
                payment -> payment.amount().amount()), currency);
    }

    private static List<SkuQuantity> skuQuantities(String json) {
        return SKU_QUANTITIES.convertToEntityAttribute(json);
    }

    private static Instant micros(Long epochMicros) {
        return epochMicros == null ? null : Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
