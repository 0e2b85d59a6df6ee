package dev.orderstream.order;

/** Who placed the order and through which sales channel. */
public record Customer(String customerId, String email, String channel) {
}
