package dev.orderstream.catalog;

import dev.orderstream.common.problem.NotFoundProblem;

public class ProductNotFoundException extends NotFoundProblem {

    public ProductNotFoundException(String sku) {
        super("Product", sku);
    }
}
