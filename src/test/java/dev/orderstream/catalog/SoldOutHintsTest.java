package dev.orderstream.catalog;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hints only ever refuse, only for a moment, and only what was seen sold out. */
class SoldOutHintsTest {

    @Test
    void aSoldOutSkuIsKnownShortUntilTheHintLapsesOrUnitsComeBack() throws Exception {
        SoldOutHints hints = new SoldOutHints(Duration.ofMillis(200));
        List<SkuQuantity> order = List.of(new SkuQuantity("A", 2), new SkuQuantity("B", 1));
        assertTrue(hints.knownShortages(order).isEmpty());

        hints.soldOut("A");
        assertEquals(List.of(new Shortage("A", 2, 0)), hints.knownShortages(order));

        hints.restocked("A");
        assertTrue(hints.knownShortages(order).isEmpty(), "units came back: ask the database");

        hints.soldOut("B");
        Thread.sleep(250);
        assertTrue(hints.knownShortages(order).isEmpty(), "the hint lapsed");
    }

    @Test
    void duplicateLinesAndAZeroDurationLeaveItToTheDatabase() {
        SoldOutHints hints = new SoldOutHints(Duration.ofSeconds(10));
        hints.soldOut("A");
        assertTrue(hints.knownShortages(List.of(new SkuQuantity("A", 1), new SkuQuantity("A", 1))).isEmpty());

        SoldOutHints off = new SoldOutHints(Duration.ZERO);
        off.soldOut("A");
        assertTrue(off.knownShortages(List.of(new SkuQuantity("A", 1))).isEmpty());
    }
}
