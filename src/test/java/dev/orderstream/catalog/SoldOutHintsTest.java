package dev.orderstream.catalog;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hints only ever refuse, only for a moment, and only what was seen sold out. */
class SoldOutHintsTest {

    @Test
    void aSoldOutSkuIsKnownShortUntilTheHintLapsesOrUnitsComeBack() {
        AtomicLong clock = new AtomicLong();
        SoldOutHints hints = new SoldOutHints(Duration.ofMillis(200), clock::get);
        List<SkuQuantity> order = List.of(new SkuQuantity("A", 2), new SkuQuantity("B", 1));
        assertTrue(hints.knownShortages(order).isEmpty());

        hints.soldOut("A");
        assertEquals(List.of(new Shortage("A", 2, 0)), hints.knownShortages(order));

        hints.restocked("A");
        assertTrue(hints.knownShortages(order).isEmpty(), "units came back: ask the database");

        hints.soldOut("B");
        clock.addAndGet(Duration.ofMillis(199).toNanos());
        assertEquals(List.of(new Shortage("B", 1, 0)), hints.knownShortages(order), "still fresh");
        clock.addAndGet(Duration.ofMillis(2).toNanos());
        assertTrue(hints.knownShortages(order).isEmpty(), "the hint lapsed");
    }

    @Test
    void duplicateLinesAndAZeroDurationLeaveItToTheDatabase() {
        SoldOutHints hints = new SoldOutHints(Duration.ofSeconds(10), System::nanoTime);
        hints.soldOut("A");
        assertTrue(hints.knownShortages(List.of(new SkuQuantity("A", 1), new SkuQuantity("A", 1))).isEmpty());

        SoldOutHints off = new SoldOutHints(Duration.ZERO, System::nanoTime);
        off.soldOut("A");
        assertTrue(off.knownShortages(List.of(new SkuQuantity("A", 1))).isEmpty());
    }
}
