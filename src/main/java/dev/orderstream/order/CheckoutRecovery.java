package dev.orderstream.order;

import dev.orderstream.catalog.InsufficientStockException;
import dev.orderstream.catalog.Shortage;
import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.catalog.StockAllotment;
import dev.orderstream.catalog.StockService;
import dev.orderstream.catalog.StockedProduct;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.event.EventSignal;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.api.OrderMapper;
import dev.orderstream.order.api.OrderResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Recovers an abandoned checkout: places a new order with an expired order's lines at today's
 * catalog prices, holding their stock again, and records {@code order.recovered} on the expired
 * one, in one transaction. The expired order's row is locked first (then the products, in SKU
 * order, as every change locks them), so a link used twice, even at once, places one order: the
 * second use finds it and answers it.
 */
@ApplicationScoped
public class CheckoutRecovery {

    /** The order a recovery answers with, and whether this call placed it (false: an earlier one did). */
    public record Recovered(OrderResponse order, boolean placedNow) {
    }

    private final Pool pool;
    private final OrderRepository orders;
    private final OrderService orderService;
    private final StockService stock;
    private final EventStore events;
    private final EventSignal signal;
    private final OrderstreamConfig config;
    private final Clock clock;

    public CheckoutRecovery(Pool pool, OrderRepository orders, OrderService orderService, StockService stock,
                            EventStore events, EventSignal signal, OrderstreamConfig config, Clock clock) {
        this.pool = pool;
        this.orders = orders;
        this.orderService = orderService;
        this.stock = stock;
        this.events = events;
        this.signal = signal;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Recovered> recover(UUID expiredId) {
        return orders.findAggregate(expiredId)
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(expiredId))
                .chain(expired -> expired.recoveredBy() != null
                        ? existing(expired.recoveredBy())
                        : pool.withTransaction(connection -> place(connection, expired))
                                .chain(placed -> placed.order() == null ? existing(placed.existing()) : Uni.createFrom().item(
                                        new Recovered(placed.order(), true)))
                                .invoke(recovered -> {
                                    if (recovered.placedNow()) {
                                        signal.committed();
                                    }
                                }));
    }

    /** What the transaction did: placed {@code order}, or found the checkout recovered by {@code existing}. */
    private record Placed(OrderResponse order, UUID existing) {
    }

    private Uni<Placed> place(SqlConnection connection, Order expired) {
        Instant now = clock.instant();
        List<SkuQuantity> lines = expired.lines().stream()
                .map(line -> new SkuQuantity(line.sku(), line.quantity())).toList();
        return orders.lockForRecovery(connection, expired.id())
                .chain(recoveredBy -> recoveredBy.isPresent()
                        ? Uni.createFrom().item(new Placed(null, recoveredBy.get()))
                        : Uni.combine().all().unis(
                                        stock.readForPlacement(connection, lines.stream().map(SkuQuantity::sku).sorted().toList(), true),
                                        orders.nextNumbers(connection, 1))
                                .asTuple()
                                .chain(read -> write(connection, expired, lines, read.getItem1(), read.getItem2().get(0), now)));
    }

    private Uni<Placed> write(SqlConnection connection, Order expired, List<SkuQuantity> lines,
                              Map<String, StockedProduct> products, long number, Instant now) {
        OrderChange recovery = expired.placeRecovery(number, PlacementBatcher.priced(lines, products), now,
                config.reservation().ttl(), orderService.newTrackingToken());
        Map<String, Integer> available = new HashMap<>();
        products.values().forEach(product -> available.put(product.sku(), product.available()));
        StockAllotment allotment = new StockAllotment(available);
        List<Shortage> shortages = allotment.take(PlacementBatcher.heldBy(recovery));
        if (!shortages.isEmpty()) {
            throw new InsufficientStockException(shortages);
        }
        OrderChange placed = Order.soldOut(recovery, allotment.soldOutBy(PlacementBatcher.heldBy(recovery)));
        OrderChange marked = expired.markRecovered(placed.order(), now);
        List<OrderEvent> logged = Stream.concat(placed.events().stream(), marked.events().stream()).toList();
        return stock.holdAll(connection, allotment.holds(), now)
                .chain(held -> {
                    if (!held) {
                        // the rows were locked when read: cannot happen, but never oversell if it does
                        throw new IllegalStateException("stock changed under a locked recovery");
                    }
                    return orders.insertPlaced(connection, List.of(placed.order()));
                })
                .chain(() -> orders.saveRecovered(connection, expired))
                .chain(saved -> {
                    if (!saved) {
                        throw new StaleVersionException(expired.version(), expired.version() + 1);
                    }
                    return events.appendAll(connection, logged);
                })
                .replaceWith(new Placed(OrderMapper.toResponse(placed.order()), null));
    }

    private Uni<Recovered> existing(UUID orderId) {
        return orders.findResponse(orderId)
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(orderId))
                .map(order -> new Recovered(order, false));
    }
}
