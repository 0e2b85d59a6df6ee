package dev.orderstream.common.security;

/**
 * The roles a bearer token's {@code groups} claim carries.
 *
 * <ul>
 *   <li>{@link #CUSTOMER}: the token's subject is the customer id; places orders for itself, reads,
 *   lists and streams only its own orders, cancels them before shipping and requests returns.</li>
 *   <li>{@link #STAFF}: everything, including the catalog and the feed of all events.</li>
 *   <li>{@link #SERVICE}: payment and fulfillment callbacks (payments, refunds, shipments,
 *   deliveries, return receipts) and reading the order they concern.</li>
 * </ul>
 */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String STAFF = "staff";
    public static final String SERVICE = "service";

    private Roles() {
    }
}
