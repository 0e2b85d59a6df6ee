package dev.orderstream.catalog.api;

import dev.orderstream.catalog.Product;
import dev.orderstream.common.Money;

import java.time.Instant;

public record ProductResponse(String sku, String name, Money price, int onHand, int reserved, int available,
                              long version, Instant updatedAt) {

    public static ProductResponse of(Product product) {
        return new ProductResponse(product.sku(), product.name(), product.price(), product.onHand(),
                product.reserved(), product.available(), product.version(), product.updatedAt());
    }
}
