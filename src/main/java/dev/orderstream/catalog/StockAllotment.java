package dev.orderstream.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, for one group-committed batch of placements, which orders fit the stock the batch read,
 * as if they had been placed one by one in arrival order: each order takes every line or none, and
 * an order that does not fit is refused with its short lines while later, smaller ones may still fit.
 * What the accepted orders take is summed per SKU, so the batch holds it with one conditional update
 * per SKU, in SKU order; the database's condition stays the judge (a concurrent change since the
 * read makes that update miss, and the batch is run again).
 */
public final class StockAllotment {

    private final Map<String, Integer> available;
    private final Map<String, Integer> taken = new TreeMap<>();

    /** @param available units available per SKU when the batch read them */
    public StockAllotment(Map<String, Integer> available) {
        this.available = new TreeMap<>(available);
    }

    /**
     * Takes every line of one order, or none of them.
     *
     * @return the short lines (empty when the order was taken), each with what was still available
     */
    public List<Shortage> take(List<SkuQuantity> lines) {
        List<Shortage> shortages = new ArrayList<>();
        for (SkuQuantity line : lines) {
            int left = available.getOrDefault(line.sku(), 0);
            if (left < line.quantity()) {
                shortages.add(new Shortage(line.sku(), line.quantity(), Math.max(0, left)));
            }
        }
        if (shortages.isEmpty()) {
            for (SkuQuantity line : lines) {
                available.merge(line.sku(), -line.quantity(), Integer::sum);
                taken.merge(line.sku(), line.quantity(), Integer::sum);
            }
        }
        return shortages;
    }

    /** What the accepted orders hold, one entry per SKU, in SKU order. */
    public List<SkuQuantity> holds() {
        return taken.entrySet().stream().map(e -> new SkuQuantity(e.getKey(), e.getValue())).toList();
    }

    /**
     * The SKUs of {@code lines} with nothing left now: asked right after {@link #take} took those
     * lines, the ones whose last available units that order took. Sorted.
     */
    public List<String> soldOutBy(List<SkuQuantity> lines) {
        return lines.stream().map(SkuQuantity::sku).filter(sku -> left(sku) == 0).distinct().sorted().toList();
    }

    /** Units left of {@code sku} after the accepted orders. */
    public int left(String sku) {
        return available.getOrDefault(sku, 0);
    }
}
