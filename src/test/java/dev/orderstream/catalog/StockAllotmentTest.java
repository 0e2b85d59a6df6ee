package dev.orderstream.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StockAllotmentTest {

    @Test
    void ordersThatFitAreTakenInArrivalOrderAndSummedPerSku() {
        StockAllotment allotment = new StockAllotment(Map.of("A", 5, "B", 2));

        assertTrue(allotment.take(List.of(new SkuQuantity("A", 2), new SkuQuantity("B", 1))).isEmpty());
        assertTrue(allotment.take(List.of(new SkuQuantity("A", 3))).isEmpty());

        assertEquals(List.of(new SkuQuantity("A", 5), new SkuQuantity("B", 1)), allotment.holds());
        assertEquals(0, allotment.left("A"));
        assertEquals(1, allotment.left("B"));
    }

    @Test
    void theOrderThatTakesTheLastUnitsOfASkuIsTheOneThatSoldItOut() {
        StockAllotment allotment = new StockAllotment(Map.of("A", 3, "B", 1, "C", 9));
        List<SkuQuantity> first = List.of(new SkuQuantity("A", 2), new SkuQuantity("B", 1));
        assertTrue(allotment.take(first).isEmpty());
        assertEquals(List.of("B"), allotment.soldOutBy(first));
        List<SkuQuantity> second = List.of(new SkuQuantity("C", 1), new SkuQuantity("A", 1));
        assertTrue(allotment.take(second).isEmpty());
        assertEquals(List.of("A"), allotment.soldOutBy(second), "A's last unit; C has 8 left");
    }

    @Test
    void anOrderWithOneShortLineTakesNothingAndNamesEveryShortLine() {
        StockAllotment allotment = new StockAllotment(Map.of("A", 1, "B", 1, "C", 9));

        List<Shortage> shortages = allotment.take(List.of(
                new SkuQuantity("A", 2), new SkuQuantity("B", 3), new SkuQuantity("C", 1)));

        assertEquals(List.of(new Shortage("A", 2, 1), new Shortage("B", 3, 1)), shortages);
        assertEquals(List.of(), allotment.holds(), "all or nothing");
        assertEquals(9, allotment.left("C"));
    }

    @Test
    void aLaterSmallerOrderStillFitsAfterABigOneWasRefused() {
        StockAllotment allotment = new StockAllotment(Map.of("HOT", 3));

        assertTrue(allotment.take(List.of(new SkuQuantity("HOT", 2))).isEmpty());
        assertEquals(List.of(new Shortage("HOT", 2, 1)), allotment.take(List.of(new SkuQuantity("HOT", 2))));
        assertTrue(allotment.take(List.of(new SkuQuantity("HOT", 1))).isEmpty());
        assertEquals(List.of(new Shortage("HOT", 1, 0)), allotment.take(List.of(new SkuQuantity("HOT", 1))));

        assertEquals(List.of(new SkuQuantity("HOT", 3)), allotment.holds(), "one row update for the hot SKU");
    }

    @Test
    void anUnknownSkuIsShortOfEverything() {
        StockAllotment allotment = new StockAllotment(Map.of());

        assertEquals(List.of(new Shortage("NOPE", 1, 0)), allotment.take(List.of(new SkuQuantity("NOPE", 1))));
    }
}
