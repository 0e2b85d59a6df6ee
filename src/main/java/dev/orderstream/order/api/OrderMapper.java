package dev.orderstream.order.api;

import dev.orderstream.common.Money;
import dev.orderstream.order.Order;
import dev.orderstream.order.OrderLine;
import dev.orderstream.order.Payments;
import dev.orderstream.order.ShippingAddress;

import java.util.List;

/** Entities to API records; only the service calls it, so entities never reach a resource. */
public final class OrderMapper {

    private OrderMapper() {
    }

    public static OrderResponse toResponse(Order order) {
        String currency = order.currency();
        return new OrderResponse(
                order.id(),
                order.number(),
                order.customerId(),
                order.email(),
                order.channel(),
                order.externalOrderId(),
                order.tags(),
                order.status(),
                order.paymentStatus(),
                address(order.shippingAddress()),
                lines(order),
                order.total(),
                totals(order.payments().totals(), currency),
                order.reservedUntil(),
                order.trackingToken(),
                order.fulfillments().stream()
                        .map(f -> new OrderResponse.FulfillmentResponse(f.id(), f.carrier(), f.trackingNumber(),
                                f.trackingUrl(), f.lines(), f.createdAt(), f.deliveredAt(), f.shipmentStatus(),
                                f.estimatedDeliveryAt(), f.firstEstimatedDeliveryAt()))
                        .toList(),
                order.returns().stream()
                        .map(r -> new OrderResponse.ReturnResponse(r.id(), r.status().name(), r.reason(), r.restocked(),
                                r.lines(), r.createdAt(), r.receivedAt()))
                        .toList(),
                order.payments().records().stream()
                        .map(p -> new OrderResponse.PaymentResponse(p.id(), p.kind(), new Money(p.amount(), currency),
                                p.provider(), p.reference(), p.reason(), p.returnId(), p.createdAt()))
                        .toList(),
                order.cancellationReason() == null ? null
                        : new OrderResponse.Cancellation(order.cancellationReason(), order.cancellationNote()),
                order.feedbackAt() == null ? null
                        : new OrderResponse.Feedback(order.feedbackRating(), order.feedbackComment(), order.feedbackAt()),
                order.language(),
                order.recoveredFrom(),
                order.recoveredBy(),
                order.version(),
                order.createdAt(),
                order.updatedAt());
    }

    /** What was authorized, captured, voided and refunded, in the order's currency. */
    public static OrderResponse.PaymentTotals totals(Payments.Totals totals, String currency) {
        return new OrderResponse.PaymentTotals(new Money(totals.authorized(), currency),
                new Money(totals.captured(), currency), new Money(totals.voided(), currency),
                new Money(totals.refunded(), currency));
    }

    private static List<OrderResponse.Line> lines(Order order) {
        return order.lines().stream().map(line -> line(line, order.currency())).toList();
    }

    private static OrderResponse.Line line(OrderLine line, String currency) {
        return line(line.sku(), line.name(), line.quantity(), new Money(line.unitPriceAmount(), currency),
                line.shippedQuantity(), line.returnedQuantity());
    }

    /** A line as clients read it, its total derived from price and quantity. */
    public static OrderResponse.Line line(String sku, String name, int quantity, Money unitPrice, int shipped,
                                          int returned) {
        return new OrderResponse.Line(sku, name, quantity, unitPrice, unitPrice.times(quantity), shipped, returned);
    }

    private static OrderResponse.Address address(ShippingAddress address) {
        return new OrderResponse.Address(address.name(), address.line1(), address.line2(), address.city(),
                address.postalCode(), address.country(), address.phone());
    }
}
