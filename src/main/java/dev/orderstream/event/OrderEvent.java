package dev.orderstream.event;

import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to an order, with the order's statuses right after it: what a verb of the
 * aggregate produces, what the log stores, and what every reader of the log (history, SSE, the
 * RabbitMQ relay) gets back. The log assigns {@code id} and {@code position} when it stores it; an
 * event not logged yet has neither ({@link #unlogged}).
 *
 * <p>{@code type} and the statuses are kept as the log spells them ({@link EventType#wireName()},
 * the status names): a reader passes on whatever the log holds, including a type a newer version
 * of the service wrote during a rolling upgrade, rather than stop at a row it does not know.
 */
public record OrderEvent(long id, Position position, UUID orderId, String customerId, int sequence, String type,
                         Instant occurredAt, String status, String paymentStatus, Map<String, Object> data) {

    /** A new event, about to be appended in the transaction of the change that made it. */
    public static OrderEvent unlogged(UUID orderId, String customerId, int sequence, EventType type, Instant occurredAt,
                                      OrderStatus status, PaymentStatus paymentStatus, Map<String, Object> data) {
        return new OrderEvent(0, null, orderId, customerId, sequence, type.wireName(), occurredAt, status.name(),
                paymentStatus.name(), data);
    }

    /** This event with one more entry in its data (before it is logged: a logged event never changes). */
    public OrderEvent with(String key, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(data);
        more.put(key, value);
        return new OrderEvent(id, position, orderId, customerId, sequence, type, occurredAt, status, paymentStatus, more);
    }

    /**
     * A new event of a bulk job ({@code bulk_job.*}): in the same log, for the same readers, but of
     * no order and no customer (staff streams, RabbitMQ and webhooks get it; no customer's stream
     * does), without order statuses; {@code sequence} counts within the job (started 1, completed 2).
     */
    public static OrderEvent unloggedOfJob(EventType type, int sequence, Instant occurredAt, Map<String, Object> data) {
        return new OrderEvent(0, null, null, null, sequence, type.wireName(), occurredAt, null, null, data);
    }
}
