package dev.orderstream.catalog;

/** A number of units of one SKU: a line to hold, release, ship or restock. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A SKU and a quantity")
public record SkuQuantity(String sku, int quantity) implements Comparable<SkuQuantity> {

    public SkuQuantity {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    @Override
    public int compareTo(SkuQuantity other) {
        return sku.compareTo(other.sku);
    }
}
