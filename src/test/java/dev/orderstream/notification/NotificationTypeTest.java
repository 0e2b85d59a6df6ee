package dev.orderstream.notification;

import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Which events send which email; an imported order's events send none. */
class NotificationTypeTest {

    private static OrderEvent event(EventType type, Map<String, Object> data) {
        return OrderEvent.unlogged(UUID.randomUUID(), "c", 1, type, Instant.EPOCH, OrderStatus.CONFIRMED,
                PaymentStatus.PAID, data);
    }

    @Test
    void aConfirmationSendsItsEmail() {
        assertEquals(NotificationType.ORDER_CONFIRMED,
                NotificationType.of(event(EventType.CONFIRMED, Map.of())).orElseThrow().type());
    }

    @Test
    void anImportedOrdersEventsSendNothing() {
        for (EventType type : new EventType[] {EventType.PLACED, EventType.CONFIRMED, EventType.FULFILLMENT_CREATED}) {
            assertTrue(NotificationType.of(event(type, Map.of("imported", true, "fulfillmentId", "f"))).isEmpty(),
                    type.wireName());
        }
    }
}
