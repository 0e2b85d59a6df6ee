package dev.orderstream.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event about to be appended to the log; the log assigns its global id. */
public record LoggedEvent(UUID orderId, String customerId, int sequence, String type, Instant occurredAt,
                          String status, String paymentStatus, Map<String, Object> data) {
}
