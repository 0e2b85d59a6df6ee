package dev.orderstream.catalog.api;

import java.util.List;

/** A page of products in SKU order. */
public record ProductPage(List<ProductResponse> items, String nextCursor) {
}
