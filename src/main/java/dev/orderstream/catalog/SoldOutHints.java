package dev.orderstream.catalog;

import dev.orderstream.common.OrderstreamConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers, for {@code orderstream.reservation.sold-out-hint} (250 ms), which SKUs a hold just found
 * with nothing left, so that during a flash sale the flood of orders for a sold-out SKU is answered
 * 409 without a transaction, a connection or a row lock. It can only refuse, never sell: the
 * database's conditional update stays the one judge of every hold. The price is that a unit coming
 * back to sale (a cancellation, an expiry, a restock) may be refused for at most that long on an
 * instance that did not see it come back; the instance that releases it forgets the hint at once.
 * A duration of 0 switches hints off.
 */
@ApplicationScoped
public class SoldOutHints {

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> soldOutUntil = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public SoldOutHints(OrderstreamConfig config) {
        this(config.reservation().soldOutHint(), System::nanoTime);
    }

    SoldOutHints(java.time.Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A hold found nothing available for {@code sku}. */
    public void soldOut(String sku) {
        if (ttlNanos > 0) {
            soldOutUntil.put(sku, nanoTime.getAsLong() + ttlNanos);
        }
    }

    /** Units of {@code sku} may be available again. */
    public void restocked(String sku) {
        soldOutUntil.remove(sku);
    }

    /**
     * The shortages a placement of {@code lines} would surely meet, from fresh hints; empty when the
     * database must decide.
     */
    public List<Shortage> knownShortages(List<SkuQuantity> lines) {
        if (soldOutUntil.isEmpty()) {
            return List.of();
        }
        long now = nanoTime.getAsLong();
        List<Shortage> shortages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SkuQuantity line : lines) {
            if (!seen.add(line.sku())) {
                return List.of(); // a SKU twice is the service's to refuse (422), not a shortage
            }
            Long until = soldOutUntil.get(line.sku());
            if (until != null) {
                if (until - now > 0) {
                    shortages.add(new Shortage(line.sku(), line.quantity(), 0));
                } else {
                    soldOutUntil.remove(line.sku(), until);
                }
            }
        }
        return shortages;
    }
}
