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

/** What events add to the stock rollup, without a database: each figure by hand. */
class StockRollupTest {

    private static final UUID ORDER = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant PLACED_ELSEWHERE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Map<UUID, SalesFacts> FACTS = Map.of(ORDER, new SalesFacts(ORDER, "web", "EUR", 4000, 3,
            PLACED_ELSEWHERE, Map.of("MUG", 2, "CUP", 1)));

    private static OrderEvent event(EventType type, Map<String, Object> data) {
        return OrderEvent.unlogged(ORDER, "c", 1, type, AT, OrderStatus.CONFIRMED, PaymentStatus.AUTHORIZED, data);
    }

    private static StockRollup.Key key(String day, String figure, String sku) {
        return new StockRollup.Key(LocalDate.parse(day), "web", figure, sku);
    }

    @Test
    void confirmationsSellTheirLinesPlacementsSellOutAndExpiriesReleaseUnits() {
        var counts = StockRollup.of(List.of(
                event(EventType.PLACED, Map.of("soldOut", List.of("CUP"))),
                event(EventType.PLACED, Map.of("lines", List.of())),
                event(EventType.CONFIRMED, Map.of()),
                event(EventType.EXPIRED, Map.of("released", List.of(Map.of("sku", "MUG", "quantity", 2),
                        Map.of("sku", "CUP", "quantity", 1)))),
                event(EventType.CANCELLED, Map.of("reason", "CUSTOMER"))), FACTS, ZoneId.of("UTC"));
        assertEquals(Map.of(
                key("2026-12-02", StockRollup.SOLD_OUT, "CUP"), 1L,
                key("2026-12-02", StockRollup.UNITS_SOLD, "MUG"), 2L,
                key("2026-12-02", StockRollup.UNITS_SOLD, "CUP"), 1L,
                key("2026-12-02", StockRollup.EXPIRED_HOLD, ""), 1L,
                key("2026-12-02", StockRollup.UNITS_RELEASED, "MUG"), 2L,
                key("2026-12-02", StockRollup.UNITS_RELEASED, "CUP"), 1L), counts);
    }

    @Test
    void anImportedOrderSellsOnTheDayItWasPlacedInItsChannel() {
        var counts = StockRollup.of(List.of(event(EventType.CONFIRMED, Map.of("imported", true))), FACTS, ZoneId.of("UTC"));
        assertEquals(Map.of(key("2026-11-20", StockRollup.UNITS_SOLD, "MUG"), 2L,
                key("2026-11-20", StockRollup.UNITS_SOLD, "CUP"), 1L), counts);
    }

    @Test
    void eventsOfNoKnownOrderCountNothing() {
        var counts = StockRollup.of(List.of(
                OrderEvent.unloggedOfJob(EventType.BULK_JOB_COMPLETED, 2, AT, Map.of()),
                OrderEvent.unlogged(UUID.randomUUID(), "c", 1, EventType.CONFIRMED, AT, OrderStatus.CONFIRMED,
                        PaymentStatus.AUTHORIZED, Map.of())), FACTS, ZoneId.of("UTC"));
        assertTrue(counts.isEmpty(), counts.toString());
    }
}
