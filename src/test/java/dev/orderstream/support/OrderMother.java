package dev.orderstream.support;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.Money;
import dev.orderstream.order.Customer;
import dev.orderstream.order.Order;
import dev.orderstream.order.PricedLine;
import dev.orderstream.order.ShippingAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Orders in every status, built through the aggregate's own verbs, for plain domain tests. */
public final class OrderMother {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    public static final Duration HOLD = Duration.ofMinutes(15);

    private OrderMother() {
    }

    /** Two lines: 2 x A at 10.00 and 1 x B at 5.00, total 25.00 EUR. */
    public static Order placed() {
        return Order.place(1001, new Customer("cust-1", "ada@example.com", "web"), address(),
                List.of(new PricedLine("A", "Alpha", eur(1000), 2), new PricedLine("B", "Beta", eur(500), 1)),
                T0, HOLD, "token").order();
    }

    public static Order confirmed() {
        Order order = placed();
        order.authorizePayment(eur(2500), "psp", "auth-1", T0.plusSeconds(60));
        return order;
    }

    public static Order paid() {
        Order order = confirmed();
        order.capturePayment(eur(2500), "psp", "cap-1", T0.plusSeconds(120));
        return order;
    }

    public static Order partiallyFulfilled() {
        Order order = paid();
        order.fulfill(List.of(new SkuQuantity("A", 1)), "DHL", "T-1", null, T0.plusSeconds(180));
        return order;
    }

    public static Order fulfilled() {
        Order order = paid();
        order.fulfill(List.of(new SkuQuantity("A", 2), new SkuQuantity("B", 1)), "DHL", "T-1", null, T0.plusSeconds(180));
        return order;
    }

    public static Order delivered() {
        Order order = fulfilled();
        order.deliver(order.fulfillments().get(0).id(), T0.plusSeconds(240));
        return order;
    }

    public static Order partiallyReturned() {
        Order order = delivered();
        order.requestReturn(List.of(new SkuQuantity("A", 1)), "too big", T0.plusSeconds(300));
        order.receiveReturn(order.returns().get(0).id(), true, T0.plusSeconds(360));
        return order;
    }

    public static Order returned() {
        Order order = delivered();
        order.requestReturn(List.of(new SkuQuantity("A", 2), new SkuQuantity("B", 1)), "changed mind", T0.plusSeconds(300));
        order.receiveReturn(order.returns().get(0).id(), true, T0.plusSeconds(360));
        return order;
    }

    public static Order cancelled() {
        Order order = placed();
        order.cancel(dev.orderstream.order.CancellationReason.CUSTOMER, null, T0.plusSeconds(60));
        return order;
    }

    public static Order expired() {
        Order order = placed();
        order.expire(T0.plus(HOLD).plusSeconds(1));
        return order;
    }

    public static Money eur(long amount) {
        return new Money(amount, "EUR");
    }

    public static ShippingAddress address() {
        return new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", "GB", null);
    }
}
