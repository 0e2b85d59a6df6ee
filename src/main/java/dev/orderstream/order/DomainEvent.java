package dev.orderstream.order;

import java.time.Instant;
import java.util.Map;

/** Something that happened to an order, with the statuses right after it; the event log stores it. */
public record DomainEvent(int sequence, String type, Instant occurredAt, OrderStatus status,
                          PaymentStatus paymentStatus, Map<String, Object> data) {
}
