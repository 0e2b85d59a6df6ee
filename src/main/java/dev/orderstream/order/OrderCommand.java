package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.Money;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What a caller asks of an order, in the domain's words: the use cases of {@link OrderService} take
 * these, never request bodies. Each names the verb of {@link Order} it leads to.
 */
public sealed interface OrderCommand {

    /** {@link Order#place}: prices come from the catalog, so lines carry SKUs and quantities only. */
    record Place(Customer customer, ShippingAddress shippingAddress, List<SkuQuantity> lines) implements OrderCommand {
    }

    /** A payment provider's result: {@link Order#authorizePayment}, {@link Order#capturePayment} or {@link Order#voidPayment}. */
    record RecordPayment(PaymentKind kind, Money amount, String provider, String reference) implements OrderCommand {
    }

    /** {@link Order#fulfill}. */
    record Fulfill(List<SkuQuantity> lines, String carrier, String trackingNumber, String trackingUrl)
            implements OrderCommand {
    }

    /** {@link Order#deliver}. */
    record Deliver(UUID fulfillmentId) implements OrderCommand {
    }

    /** A carrier's scan of one shipment: {@link Order#recordScan}, once per {@code (source, externalEventId)}. */
    record RecordScan(UUID fulfillmentId, ShipmentStatus status, String subStatus, Instant happenedAt,
                      TrackingScan.Location location, String message, Instant estimatedDeliveryAt, String source,
                      String externalEventId) implements OrderCommand {

        /** Times to the microsecond, as PostgreSQL keeps them, so a stored scan equals the one sent again. */
        public RecordScan {
            happenedAt = happenedAt == null ? null : happenedAt.truncatedTo(ChronoUnit.MICROS);
            estimatedDeliveryAt = estimatedDeliveryAt == null ? null : estimatedDeliveryAt.truncatedTo(ChronoUnit.MICROS);
        }

        /** The scan as stored: with its own id, received now. */
        public TrackingScan toScan(UUID id, Instant receivedAt) {
            return new TrackingScan(id, fulfillmentId, status, subStatus, happenedAt, location, message,
                    estimatedDeliveryAt, source, externalEventId, receivedAt);
        }
    }

    /** {@link Order#cancel}. */
    record Cancel(CancellationReason reason, String note) implements OrderCommand {
    }

    /** {@link Order#requestReturn}. */
    record RequestReturn(List<SkuQuantity> lines, String reason) implements OrderCommand {
    }

    /** {@link Order#receiveReturn}. */
    record ReceiveReturn(UUID returnId, boolean restock) implements OrderCommand {
    }

    /**
     * {@link Order#importFrom}: an order placed in another sales channel, brought to the status it
     * has there ({@code PENDING_PAYMENT}, {@code CONFIRMED} with its payment, or {@code FULFILLED}
     * with its payment and shipments), its stock kept as {@code stockMode} says.
     */
    record Import(Customer customer, ShippingAddress shippingAddress, List<ImportedLine> lines, String externalOrderId,
                  Instant placedAt, OrderStatus status, RecordPayment payment, List<Fulfill> shipments,
                  StockMode stockMode) implements OrderCommand {
    }

    /** One line of an imported order: at the channel's unit price (minor units) or, if null, the catalog's. */
    record ImportedLine(String sku, int quantity, Long unitPriceAmount) {
    }

    /** {@link Order#refund}. */
    record Refund(Money amount, String reason, UUID returnId) implements OrderCommand {
    }
}
