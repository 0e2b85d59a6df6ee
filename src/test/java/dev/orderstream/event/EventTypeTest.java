package dev.orderstream.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The one set of event types: wire names, their round trip, and what a public tracking stream may show. */
class EventTypeTest {

    @Test
    void everyTypeIsAPastTenseOrderOrBulkJobEventWithAUniqueWireName() {
        Set<String> names = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toSet());
        assertEquals(EventType.values().length, names.size());
        for (EventType type : EventType.values()) {
            boolean ofJob = type == EventType.BULK_JOB_STARTED || type == EventType.BULK_JOB_COMPLETED;
            assertTrue(type.wireName().matches(ofJob ? "bulk_job\\.[a-z_]+" : "order\\.[a-z_]+"), type.wireName());
            assertEquals(type, EventType.ofWireName(type.wireName()));
        }
    }

    @Test
    void theSpecsNamedTypesAreAllThere() {
        for (String named : new String[] {"order.placed", "order.payment_authorized", "order.confirmed",
                "order.payment_captured", "order.fulfillment_created", "order.fulfilled", "order.delivered",
                "order.cancelled", "order.expired", "order.return_requested", "order.return_received",
                "order.refunded"}) {
            assertNotNull(EventType.ofWireName(named));
        }
    }

    @Test
    void anUnknownWireNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventType.ofWireName("order.teleported"));
    }

    @Test
    void onlyShipmentEventsAndPublicNotesShowTheirDataOnATrackingStream() {
        Set<EventType> shown = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (type.hasPublicData()) {
                shown.add(type);
            }
        }
        assertEquals(EnumSet.of(EventType.FULFILLMENT_CREATED, EventType.SHIPMENT_UPDATED,
                EventType.DELIVERY_ESTIMATE_CHANGED, EventType.SHIPMENT_EXCEPTION, EventType.SHIPMENT_DELIVERED,
                EventType.PUBLIC_NOTE_ADDED), shown);
    }

    @Test
    void onTheWireATypeIsItsName() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"order.payment_captured\"", json.writeValueAsString(EventType.PAYMENT_CAPTURED));
        assertEquals(EventType.PAYMENT_CAPTURED, json.readValue("\"order.payment_captured\"", EventType.class));
    }
}
