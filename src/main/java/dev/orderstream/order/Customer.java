package dev.orderstream.order;

/**
 * Who placed the order, through which sales channel, and in which language (a BCP 47 tag, or null
 * for the store's default): the customer's emails speak it.
 */
public record Customer(String customerId, String email, String channel, String language) {

    public Customer(String customerId, String email, String channel) {
        this(customerId, email, channel, null);
    }
}
