package dev.orderstream.analytics;

import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentStatus;
import dev.orderstream.order.SalesFacts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** What events add to the shipping and delivery rollup, without a database: each figure by hand. */
class DeliveryRollupTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final UUID SPLIT = UUID.randomUUID();
    private static final UUID WHOLE = UUID.randomUUID();
    private static final Map<UUID, SalesFacts> ORDERS = Map.of(
            SPLIT, new SalesFacts(SPLIT, "web", "EUR", 3000, 3, Instant.parse("2026-12-01T08:00:00Z")),
            WHOLE, new SalesFacts(WHOLE, "app", "EUR", 1000, 1, Instant.parse("2026-12-01T08:00:00Z")));

    private static OrderEvent event(UUID order, EventType type, String at, OrderStatus status, Map<String, Object> data) {
        return OrderEvent.unlogged(order, "c", 1, type, Instant.parse(at), status, PaymentStatus.PAID, data);
    }

    private static OrderEvent shipped(UUID order, UUID shipment, String carrier, String at, OrderStatus after) {
        return event(order, EventType.FULFILLMENT_CREATED, at, after, Map.of("fulfillmentId", shipment.toString(), "carrier", carrier));
    }

    private static OrderEvent estimate(UUID order, UUID shipment, String at, String first) {
        return event(order, EventType.DELIVERY_ESTIMATE_CHANGED, at, OrderStatus.FULFILLED,
                Map.of("fulfillmentId", shipment.toString(), "estimatedDeliveryAt", first, "firstEstimatedDeliveryAt", first));
    }

    private static OrderEvent delivered(UUID order, UUID shipment, String at, String deliveredAt) {
        return event(order, EventType.SHIPMENT_DELIVERED, at, OrderStatus.FULFILLED,
                Map.of("fulfillmentId", shipment.toString(), "deliveredAt", deliveredAt));
    }

    private static DeliveryRollup.Key key(String day, String channel, String carrier, String figure, String label) {
        return new DeliveryRollup.Key(LocalDate.parse(day), channel, carrier, figure, label);
    }

    /**
     * SPLIT (web) ships 2 of 3 units with DHL, then the last with UPS; WHOLE (app) ships at once with
     * DHL. DHL's first shipment is estimated for 3 Dec and arrives 3 Dec 23:30 in Berlin (22:30 UTC):
     * on time; WHOLE's is estimated for 3 Dec, re-estimated for 5 Dec, and arrives on 4 Dec: late
     * against the first estimate. UPS's has no estimate and raises two exceptions.
     */
    @Test
    void eachShipmentCountsOnceAndOnTimeIsJudgedAgainstTheFirstEstimate() {
        UUID dhl1 = UUID.randomUUID(), ups = UUID.randomUUID(), dhl2 = UUID.randomUUID();
        List<OrderEvent> events = List.of(
                shipped(SPLIT, dhl1, "DHL", "2026-12-02T09:00:00Z", OrderStatus.PARTIALLY_FULFILLED),
                shipped(WHOLE, dhl2, "DHL", "2026-12-02T10:00:00Z", OrderStatus.FULFILLED),
                shipped(SPLIT, ups, "UPS", "2026-12-02T11:00:00Z", OrderStatus.FULFILLED),
                estimate(SPLIT, dhl1, "2026-12-02T12:00:00Z", "2026-12-03T17:00:00Z"),
                estimate(WHOLE, dhl2, "2026-12-02T12:00:00Z", "2026-12-03T17:00:00Z"),
                event(WHOLE, EventType.DELIVERY_ESTIMATE_CHANGED, "2026-12-03T12:00:00Z", OrderStatus.FULFILLED,
                        Map.of("fulfillmentId", dhl2.toString(), "estimatedDeliveryAt", "2026-12-05T17:00:00Z",
                                "firstEstimatedDeliveryAt", "2026-12-03T17:00:00Z")),
                event(SPLIT, EventType.SHIPMENT_EXCEPTION, "2026-12-03T08:00:00Z", OrderStatus.FULFILLED,
                        Map.of("fulfillmentId", ups.toString(), "subStatus", "damaged")),
                event(SPLIT, EventType.SHIPMENT_EXCEPTION, "2026-12-03T09:00:00Z", OrderStatus.FULFILLED,
                        Map.of("fulfillmentId", ups.toString())),
                delivered(SPLIT, dhl1, "2026-12-03T23:05:00Z", "2026-12-03T22:30:00Z"),
                delivered(WHOLE, dhl2, "2026-12-04T09:00:00Z", "2026-12-04T09:00:00Z"),
                delivered(SPLIT, ups, "2026-12-04T10:00:00Z", "2026-12-04T10:00:00Z"));
        DeliveryRollup.Batch batch = DeliveryRollup.of(events, ORDERS, Map.of(), ZONE);

        Map<DeliveryRollup.Key, Long> expected = new HashMap<>();
        expected.put(key("2026-12-02", "web", "DHL", DeliveryRollup.FIRST_SHIPMENT, ""), 1L);
        expected.put(key("2026-12-02", "web", "DHL", DeliveryRollup.PARTIAL_FIRST_SHIPMENT, ""), 1L);
        expected.put(key("2026-12-02", "app", "DHL", DeliveryRollup.FIRST_SHIPMENT, ""), 1L);
        expected.put(key("2026-12-03", "web", "UPS", DeliveryRollup.EXCEPTION, "damaged"), 1L);
        expected.put(key("2026-12-03", "web", "UPS", DeliveryRollup.EXCEPTION, DeliveryRollup.UNSPECIFIED), 1L);
        // recorded 23:05 UTC, already 4 Dec in Berlin: counted on that day, judged by when it arrived (3 Dec there)
        expected.put(key("2026-12-04", "web", "DHL", DeliveryRollup.DELIVERED, ""), 1L);
        expected.put(key("2026-12-04", "web", "DHL", DeliveryRollup.DELIVERED_WITH_ESTIMATE, ""), 1L);
        expected.put(key("2026-12-04", "web", "DHL", DeliveryRollup.DELIVERED_ON_TIME, ""), 1L);
        expected.put(key("2026-12-04", "app", "DHL", DeliveryRollup.DELIVERED, ""), 1L);
        expected.put(key("2026-12-04", "app", "DHL", DeliveryRollup.DELIVERED_WITH_ESTIMATE, ""), 1L);
        expected.put(key("2026-12-04", "web", "UPS", DeliveryRollup.DELIVERED, ""), 1L);
        assertEquals(expected, batch.counts());

        assertEquals(3, batch.shipments().size());
        assertEquals(new DeliveryRollup.Shipment(SPLIT, "DHL", Instant.parse("2026-12-03T17:00:00Z")), batch.shipments().get(dhl1));
        assertEquals(new DeliveryRollup.Shipment(WHOLE, "DHL", Instant.parse("2026-12-03T17:00:00Z")), batch.shipments().get(dhl2),
                "the first estimate stays");
        assertEquals(new DeliveryRollup.Shipment(SPLIT, "UPS", null), batch.shipments().get(ups));
    }

    /** The same history in two batches, the second knowing what the first saved, counts the same. */
    @Test
    void aHistorySplitAcrossBatchesCountsTheSame() {
        UUID first = UUID.randomUUID(), second = UUID.randomUUID();
        List<OrderEvent> events = List.of(
                shipped(SPLIT, first, "DHL", "2026-12-02T09:00:00Z", OrderStatus.PARTIALLY_FULFILLED),
                estimate(SPLIT, first, "2026-12-02T10:00:00Z", "2026-12-04T12:00:00Z"),
                shipped(SPLIT, second, "DHL", "2026-12-02T11:00:00Z", OrderStatus.FULFILLED),
                delivered(SPLIT, first, "2026-12-04T09:00:00Z", "2026-12-04T09:00:00Z"),
                delivered(SPLIT, second, "2026-12-05T09:00:00Z", "2026-12-05T09:00:00Z"));
        DeliveryRollup.Batch whole = DeliveryRollup.of(events, ORDERS, Map.of(), ZONE);
        for (int cut = 1; cut < events.size(); cut++) {
            DeliveryRollup.Batch before = DeliveryRollup.of(events.subList(0, cut), ORDERS, Map.of(), ZONE);
            DeliveryRollup.Batch after = DeliveryRollup.of(events.subList(cut, events.size()), ORDERS, before.shipments(), ZONE);
            Map<DeliveryRollup.Key, Long> sum = new HashMap<>(before.counts());
            after.counts().forEach((key, count) -> sum.merge(key, count, Long::sum));
            assertEquals(whole.counts(), sum, "cut after event " + cut);
            Map<UUID, DeliveryRollup.Shipment> saved = new HashMap<>(before.shipments());
            saved.putAll(after.shipments());
            assertEquals(whole.shipments(), saved, "cut after event " + cut);
        }
        assertEquals(1L, whole.counts().get(key("2026-12-02", "web", "DHL", DeliveryRollup.FIRST_SHIPMENT, "")),
                "the second shipment is not a first one");
    }

    @Test
    void importedEventsAndEventsOfUnknownShipmentsCountNothing() {
        UUID shipment = UUID.randomUUID();
        List<OrderEvent> events = new ArrayList<>();
        events.add(event(SPLIT, EventType.FULFILLMENT_CREATED, "2026-12-02T09:00:00Z", OrderStatus.FULFILLED,
                Map.of("fulfillmentId", shipment.toString(), "carrier", "DHL", "imported", true)));
        events.add(delivered(SPLIT, UUID.randomUUID(), "2026-12-03T09:00:00Z", "2026-12-03T09:00:00Z"));
        events.add(OrderEvent.unloggedOfJob(EventType.BULK_JOB_COMPLETED, 2, Instant.parse("2026-12-03T09:00:00Z"), Map.of()));
        DeliveryRollup.Batch batch = DeliveryRollup.of(events, ORDERS, Map.of(), ZONE);
        assertTrue(batch.counts().isEmpty(), batch.counts().toString());
        assertTrue(batch.shipments().isEmpty());
    }
}
