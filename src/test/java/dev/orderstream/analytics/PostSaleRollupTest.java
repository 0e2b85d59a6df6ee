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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** What events add to the post-sale rollup, without a database: each figure by hand. */
class PostSaleRollupTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-01");

    private static OrderEvent event(EventType type, Map<String, Object> data) {
        return OrderEvent.unlogged(ORDER, "c", 1, type, AT, OrderStatus.DELIVERED, PaymentStatus.PAID, data);
    }

    private static PostSaleRollup.Key key(String figure, String label, String currency) {
        return new PostSaleRollup.Key(DAY, "web", figure, label, currency);
    }

    @Test
    void eachAfterSalesEventCountsUnderItsFigureAndLabel() {
        var rows = PostSaleRollup.of(List.of(
                        event(EventType.CANCELLED, Map.of("reason", "CUSTOMER")),
                        event(EventType.REFUNDED, Map.of("amount", Map.of("amount", 700, "currency", "EUR"), "reason", "damaged")),
                        event(EventType.REFUNDED, Map.of("amount", Map.of("amount", 300, "currency", "EUR"), "reason", "damaged")),
                        event(EventType.RETURN_RECEIVED, Map.of("lines", List.of(Map.of("sku", "MUG", "quantity", 2),
                                Map.of("sku", "CUP", "quantity", 1)))),
                        event(EventType.FEEDBACK_RECEIVED, Map.of("rating", 4)),
                        event(EventType.RECOVERED, Map.of()),
                        event(EventType.DELIVERED, Map.of())),
                Map.of(ORDER, new SalesFacts(ORDER, "web", "EUR", 1000, 3, AT)), Set.of(), ZoneId.of("UTC")).rows();
        assertEquals(1, rows.get(key(PostSaleRollup.CANCELLATION, "CUSTOMER", "")).count);
        assertEquals(2, rows.get(key(PostSaleRollup.REFUND, "damaged", "EUR")).count);
        assertEquals(1000, rows.get(key(PostSaleRollup.REFUND, "damaged", "EUR")).amount);
        assertEquals(1, rows.get(key(PostSaleRollup.RETURN_RECEIVED, "", "")).count);
        assertEquals(2, rows.get(key(PostSaleRollup.RETURNED_UNITS, "MUG", "")).count);
        assertEquals(1, rows.get(key(PostSaleRollup.RETURNED_UNITS, "CUP", "")).count);
        assertEquals(1, rows.get(key(PostSaleRollup.FEEDBACK, "4", "")).count);
        assertEquals(1, rows.get(key(PostSaleRollup.RECOVERED, "", "")).count);
        assertEquals(1, rows.get(key(PostSaleRollup.ORDER_RETURNED, "", "")).count, "its first return receipt");
        assertEquals(8, rows.size(), "a delivery is no post-sale figure");
    }

    /** An order returned in two parcels is one order returned; one the projector saw a receipt of before counts none. */
    @Test
    void anOrderCountsAsReturnedOnItsFirstReceiptOnly() {
        UUID other = UUID.randomUUID();
        OrderEvent first = event(EventType.RETURN_RECEIVED, Map.of());
        OrderEvent second = OrderEvent.unlogged(ORDER, "c", 2, EventType.RETURN_RECEIVED, AT.plusSeconds(60),
                OrderStatus.RETURNED, PaymentStatus.PAID, Map.of());
        OrderEvent earlier = OrderEvent.unlogged(other, "c", 5, EventType.RETURN_RECEIVED, AT, OrderStatus.RETURNED,
                PaymentStatus.PAID, Map.of());
        var batch = PostSaleRollup.of(List.of(first, second, earlier),
                Map.of(ORDER, new SalesFacts(ORDER, "web", "EUR", 1000, 3, AT), other, new SalesFacts(other, "web", "EUR", 500, 1, AT)),
                Set.of(other), ZoneId.of("UTC"));
        assertEquals(1, batch.rows().get(key(PostSaleRollup.ORDER_RETURNED, "", "")).count);
        assertEquals(3, batch.rows().get(key(PostSaleRollup.RETURN_RECEIVED, "", "")).count, "every receipt");
        assertEquals(Map.of(ORDER, AT), batch.firstReturns(), "what the projector remembers");
    }

    @Test
    void importedEventsAndJobEventsCountNothing() {
        OrderEvent job = OrderEvent.unloggedOfJob(EventType.BULK_JOB_COMPLETED, 2, AT, Map.of());
        var rows = PostSaleRollup.of(List.of(event(EventType.CANCELLED, Map.of("reason", "CUSTOMER", "imported", true)), job),
                Map.of(ORDER, new SalesFacts(ORDER, "web", "EUR", 1000, 3, AT)), Set.of(), ZoneId.of("UTC")).rows();
        assertTrue(rows.isEmpty());
    }
}
