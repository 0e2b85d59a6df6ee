package dev.orderstream.catalog;

/** One line that could not be held: what was asked for and what is available now. */
public record Shortage(String sku, int requested, int available) {
}
