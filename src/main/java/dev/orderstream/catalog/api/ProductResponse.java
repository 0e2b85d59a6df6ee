package dev.orderstream.catalog.api;

import dev.orderstream.catalog.Product;
import dev.orderstream.common.Money;

import java.time.Instant;

@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A product with its stock: onHand, reserved (held by orders) and available (onHand - reserved)", requiredProperties = {"sku", "name", "price", "onHand", "reserved", "available", "version"})
public record ProductResponse(String sku, String name, Money price, int onHand, int reserved, int available,
                              long version, Instant updatedAt) {

    public static ProductResponse of(Product product) {
        return new ProductResponse(product.sku(), product.name(), product.price(), product.onHand(),
                product.reserved(), product.available(), product.version(), product.updatedAt());
    }
}
