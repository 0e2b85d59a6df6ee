package dev.orderstream.event;

import java.util.UUID;

/** Which events a stream follows; null means "any" ({@code type} is a wire name such as {@code order.confirmed}). */
public record EventFilter(UUID orderId, String customerId, String type) {

    public static final EventFilter ALL = new EventFilter(null, null, null);

    public boolean matches(OrderEvent event) {
        return (orderId == null || orderId.equals(event.orderId()))
                && (customerId == null || customerId.equals(event.customerId()))
                && (type == null || type.equals(event.type()));
    }
}
