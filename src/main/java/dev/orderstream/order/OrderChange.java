package dev.orderstream.order;

import dev.orderstream.event.OrderEvent;

import java.util.List;

/**
 * The result of one verb on the aggregate: the order, the events it produced (none for a repeated
 * or late request, which changes nothing), and the stock effects to apply.
 */
public record OrderChange(Order order, List<OrderEvent> events, List<StockEffect> stock) {

    public boolean isNoOp() {
        return events.isEmpty();
    }
}
