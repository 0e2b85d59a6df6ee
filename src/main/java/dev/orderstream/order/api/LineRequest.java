package dev.orderstream.order.api;

import java.util.List;
import dev.orderstream.catalog.SkuQuantity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A SKU and a number of units, as placements, fulfillments and returns send them. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A SKU and a quantity (1 to 10,000)")
public record LineRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotNull @Min(1) @Max(10_000) Integer quantity) {

    public SkuQuantity toSkuQuantity() {
        return new SkuQuantity(sku, quantity);
    }

    static List<SkuQuantity> units(List<LineRequest> lines) {
        return lines.stream().map(LineRequest::toSkuQuantity).toList();
    }
}
