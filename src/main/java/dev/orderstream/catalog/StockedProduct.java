package dev.orderstream.catalog;

import dev.orderstream.common.Money;

/** A product as a batch of placements reads it: its price and what is available now. */
public record StockedProduct(String sku, String name, Money price, int available) {
}
