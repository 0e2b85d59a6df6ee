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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** What events add to the daily sales rollup, without a database. */
class SalesRollupTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final Instant LATE_EVENING_UTC = Instant.parse("2026-12-01T23:30:00Z");

    private static OrderEvent event(EventType type, Instant at, Map<String, Object> data) {
        return OrderEvent.unlogged(ORDER, "c", 1, type, at, OrderStatus.CONFIRMED, PaymentStatus.PAID, data);
    }

    @Test
    void daysAreTheStoresAndAConfirmationCountsTheTotalAndUnits() {
        SalesFacts facts = new SalesFacts(ORDER, "web", "EUR", 4200, 3, LATE_EVENING_UTC);
        var rows = SalesRollup.of(List.of(event(EventType.PLACED, LATE_EVENING_UTC, Map.of()),
                        event(EventType.CONFIRMED, LATE_EVENING_UTC, Map.of()),
                        event(EventType.REFUNDED, LATE_EVENING_UTC, Map.of("amount", Map.of("amount", 200, "currency", "EUR")))),
                Map.of(ORDER, facts), ZoneId.of("Europe/Berlin"));
        var key = new SalesRollup.Key(LocalDate.parse("2026-12-02"), "web", "EUR");
        assertEquals(List.of(key), List.copyOf(rows.keySet()), "23:30 UTC is the next day in Berlin");
        SalesRollup.Tally tally = rows.get(key);
        assertEquals(1, tally.placed);
        assertEquals(1, tally.confirmed);
        assertEquals(3, tally.unitsSold);
        assertEquals(4200, tally.gross);
        assertEquals(200, tally.refunded);
    }

    @Test
    void anImportedOrderCountsOnItsPlacedDayAndJobEventsCountNothing() {
        Instant placedThere = Instant.parse("2026-10-01T10:00:00Z");
        SalesFacts facts = new SalesFacts(ORDER, "marketplace", "EUR", 1000, 1, placedThere);
        OrderEvent job = OrderEvent.unloggedOfJob(EventType.BULK_JOB_COMPLETED, 2, LATE_EVENING_UTC, Map.of());
        var rows = SalesRollup.of(List.of(event(EventType.CONFIRMED, LATE_EVENING_UTC, Map.of("imported", true)), job),
                Map.of(ORDER, facts), ZoneId.of("UTC"));
        assertEquals(List.of(new SalesRollup.Key(LocalDate.parse("2026-10-01"), "marketplace", "EUR")),
                List.copyOf(rows.keySet()));
    }
}
