package dev.orderstream.catalog.api;

/** The product after a PUT, and whether the PUT created it. */
public record ProductWrite(ProductResponse product, boolean created) {
}
