package dev.orderstream.order;

import dev.orderstream.common.Money;

/** A line to place, priced from the catalog (never from the client). */
public record PricedLine(String sku, String name, Money unitPrice, int quantity) {
}
