package dev.orderstream.order;

import dev.orderstream.order.api.TrackingResponse;

import java.util.List;
import java.util.UUID;

/**
 * An order found by its tracking token: its public view, and the ids a tracking page needs to read
 * its events against it (never shown): the order's, and its shipments' in the view's order.
 */
public record TrackedOrder(UUID id, TrackingResponse view, List<UUID> fulfillmentIds) {
}
