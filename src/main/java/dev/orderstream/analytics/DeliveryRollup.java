package dev.orderstream.analytics;

import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.SalesFacts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a batch of events adds to the shipping and delivery rollup, per day of the event (in the
 * store's zone), channel, carrier, figure and label. Pure: the projector gives it the events, their
 * orders' facts and the shipments of those orders it has seen so far, and gets back the counts and
 * the shipments after the batch. Figures:
 * <ul>
 *   <li>{@code firstShipment}: an order's first shipment, by its carrier;
 *   {@code partialFirstShipment}: one that left units of the order to ship later (a split order);</li>
 *   <li>{@code delivered}: a shipment delivered; {@code deliveredWithEstimate}: one a carrier had
 *   given an estimated delivery for; {@code deliveredOnTime}: one of those delivered on or before
 *   the day (in the store's zone) of the <em>first</em> estimate — later estimates do not move the
 *   goalposts;</li>
 *   <li>{@code exception}: a carrier's exception scan (label: its kind, the scan's subStatus, or
 *   {@code unspecified}).</li>
 * </ul>
 * Imported events count nothing, as in the other rollups.
 */
public final class DeliveryRollup {

    private DeliveryRollup() {
    }

    public static final String FIRST_SHIPMENT = "firstShipment";
    public static final String PARTIAL_FIRST_SHIPMENT = "partialFirstShipment";
    public static final String DELIVERED = "delivered";
    public static final String DELIVERED_WITH_ESTIMATE = "deliveredWithEstimate";
    public static final String DELIVERED_ON_TIME = "deliveredOnTime";
    public static final String EXCEPTION = "exception";
    /** The kind of an exception scan that named none. */
    public static final String UNSPECIFIED = "unspecified";

    public record Key(LocalDate day, String channel, String carrier, String figure, String label) {
    }

    /** What the projector remembers of a shipment. */
    public record Shipment(UUID orderId, String carrier, Instant firstEstimateAt) {
    }

    /** The counts a batch adds, and the shipments it created or changed, by fulfillment id. */
    public record Batch(Map<Key, Long> counts, Map<UUID, Shipment> shipments) {
    }

    /**
     * @param known the shipments seen so far of the batch's orders (every one of them: an order with
     *              none known has had no shipment yet), by fulfillment id
     */
    public static Batch of(List<OrderEvent> events, Map<UUID, SalesFacts> orders, Map<UUID, Shipment> known, ZoneId zone) {
        Map<Key, Long> counts = new LinkedHashMap<>();
        Map<UUID, Shipment> changed = new HashMap<>();
        Set<UUID> shipped = new HashSet<>();
        known.values().forEach(shipment -> shipped.add(shipment.orderId()));
        for (OrderEvent event : events) {
            SalesFacts order = event.orderId() == null ? null : orders.get(event.orderId());
            if (order == null || Boolean.TRUE.equals(event.data().get("imported")) || !EventType.isWireName(event.type())) {
                continue;
            }
            Map<String, Object> data = event.data();
            UUID fulfillmentId = uuid(data.get("fulfillmentId"));
            Shipment shipment = fulfillmentId == null ? null : changed.getOrDefault(fulfillmentId, known.get(fulfillmentId));
            LocalDate day = event.occurredAt().atZone(zone).toLocalDate();
            switch (EventType.ofWireName(event.type())) {
                case FULFILLMENT_CREATED -> {
                    if (fulfillmentId == null || shipment != null) {
                        continue;
                    }
                    String carrier = data.get("carrier") instanceof String name ? name : "";
                    changed.put(fulfillmentId, new Shipment(order.id(), carrier, null));
                    if (shipped.add(order.id())) {
                        add(counts, new Key(day, order.channel(), carrier, FIRST_SHIPMENT, ""));
                        if (OrderStatus.PARTIALLY_FULFILLED.name().equals(event.status())) {
                            add(counts, new Key(day, order.channel(), carrier, PARTIAL_FIRST_SHIPMENT, ""));
                        }
                    }
                }
                case DELIVERY_ESTIMATE_CHANGED -> {
                    Instant first = instant(data.get("firstEstimatedDeliveryAt"));
                    if (shipment != null && shipment.firstEstimateAt() == null && first != null) {
                        changed.put(fulfillmentId, new Shipment(shipment.orderId(), shipment.carrier(), first));
                    }
                }
                case SHIPMENT_DELIVERED -> {
                    if (shipment == null) {
                        continue;
                    }
                    add(counts, new Key(day, order.channel(), shipment.carrier(), DELIVERED, ""));
                    Instant deliveredAt = instant(data.get("deliveredAt"));
                    if (shipment.firstEstimateAt() != null) {
                        add(counts, new Key(day, order.channel(), shipment.carrier(), DELIVERED_WITH_ESTIMATE, ""));
                        LocalDate arrived = (deliveredAt == null ? event.occurredAt() : deliveredAt).atZone(zone).toLocalDate();
                        if (!arrived.isAfter(shipment.firstEstimateAt().atZone(zone).toLocalDate())) {
                            add(counts, new Key(day, order.channel(), shipment.carrier(), DELIVERED_ON_TIME, ""));
                        }
                    }
                }
                case SHIPMENT_EXCEPTION -> {
                    if (shipment == null) {
                        continue;
                    }
                    String kind = data.get("subStatus") instanceof String sub && !sub.isBlank() ? sub : UNSPECIFIED;
                    add(counts, new Key(day, order.channel(), shipment.carrier(), EXCEPTION, kind));
                }
                default -> {
                }
            }
        }
        return new Batch(counts, changed);
    }

    private static void add(Map<Key, Long> counts, Key key) {
        counts.merge(key, 1L, Long::sum);
    }

    private static UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        try {
            return value instanceof String text ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An instant as the log holds it: an Instant in memory, ISO text once read back. */
    private static Instant instant(Object value) {
        if (value instanceof Instant at) {
            return at;
        }
        try {
            return value instanceof String text ? Instant.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
