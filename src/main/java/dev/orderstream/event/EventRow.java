package dev.orderstream.event;

import java.time.Instant;
import java.util.UUID;

/** One committed event as the stream readers see it; {@code data} is JSON text. */
public record EventRow(long id, UUID orderId, String customerId, int sequence, String type, Instant occurredAt,
                       String status, String paymentStatus, String data, Position position) {
}
