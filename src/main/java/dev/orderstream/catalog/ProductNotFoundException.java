package dev.orderstream.catalog;

import dev.orderstream.common.NotFoundException;

public class ProductNotFoundException extends NotFoundException {

    public ProductNotFoundException(String sku) {
        super("Product", sku);
    }
}
