package dev.orderstream.notification;

import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;

import java.util.Map;
import java.util.Optional;

/**
 * Every email a customer can get, the event that triggers it, and two facts about it: whether the
 * law needs it sent even to a customer who opted out ({@link #required}), and how far along the
 * order's journey it is ({@link #progress}): a pending email is not sent once a later one exists
 * for the same order (or the same shipment), so "shipped" arriving after "delivered" sends only
 * "delivered". Progress 0: never stale.
 */
public enum NotificationType {
    ORDER_PLACED(true, 0),
    ORDER_CONFIRMED(false, 1),
    SHIPPED(false, 2),
    DELIVERY_EXCEPTION(false, 3),
    OUT_FOR_DELIVERY(false, 3),
    DELIVERED(false, 4),
    CANCELLED(true, 5),
    REFUND_ISSUED(true, 0),
    RETURN_RECEIVED(false, 0),
    CHECKOUT_RECOVERY(false, 0);

    private final boolean required;
    private final int progress;

    NotificationType(boolean required, int progress) {
        this.required = required;
        this.progress = progress;
    }

    /** Sent even to a customer who opted out of order updates: confirmation of the purchase, its cancellation, refunds. */
    public boolean required() {
        return required;
    }

    public int progress() {
        return progress;
    }

    /** Its key in the message bundle and the API ({@code order_placed}, …). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<NotificationType> ofKey(String key) {
        for (NotificationType type : values()) {
            if (type.key().equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * What an event triggers: the email, what it is about (a shipment, a refund, a return; "" for the
     * order) and a detail to show (a refund's amount), or nothing.
     */
    public record Trigger(NotificationType type, String subject, String detail) {
    }

    public static Optional<Trigger> of(OrderEvent event) {
        if (!EventType.isWireName(event.type())) {
            return Optional.empty();
        }
        Map<String, Object> data = event.data();
        if (Boolean.TRUE.equals(data.get("imported"))) {
            return Optional.empty(); // it happened in another sales channel: the customer was told there
        }
        return Optional.ofNullable(switch (EventType.ofWireName(event.type())) {
            case PLACED -> new Trigger(ORDER_PLACED, "", null);
            case CONFIRMED -> new Trigger(ORDER_CONFIRMED, "", null);
            case FULFILLMENT_CREATED -> new Trigger(SHIPPED, text(data.get("fulfillmentId")), null);
            case SHIPMENT_UPDATED -> "out_for_delivery".equals(data.get("shipmentStatus"))
                    ? new Trigger(OUT_FOR_DELIVERY, text(data.get("fulfillmentId")), null) : null;
            case SHIPMENT_EXCEPTION -> new Trigger(DELIVERY_EXCEPTION, text(data.get("fulfillmentId")), null);
            case DELIVERED -> new Trigger(DELIVERED, "", null);
            case CANCELLED -> new Trigger(CANCELLED, "", null);
            case REFUNDED -> new Trigger(REFUND_ISSUED, text(data.get("paymentId")), amount(data.get("amount")));
            case RETURN_RECEIVED -> new Trigger(RETURN_RECEIVED, text(data.get("returnId")), null);
            case EXPIRED -> new Trigger(CHECKOUT_RECOVERY, "", null);
            default -> null;
        });
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A money amount as the event holds it ({@code {"amount": 1250, "currency": "EUR"}}), as "12.50 EUR". */
    private static String amount(Object value) {
        if (!(value instanceof Map<?, ?> money) || !(money.get("amount") instanceof Number minor)
                || !(money.get("currency") instanceof String currency)) {
            return null;
        }
        int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        return java.math.BigDecimal.valueOf(minor.longValue(), digits).toPlainString() + " " + currency;
    }
}
