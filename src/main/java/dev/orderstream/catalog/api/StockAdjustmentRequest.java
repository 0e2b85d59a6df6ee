package dev.orderstream.catalog.api;

import dev.orderstream.catalog.StockAdjustmentReason;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /products/{sku}/stock-adjustments}: a signed change of the units on hand. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of adjustStock: a change of stock on hand (never below what orders hold)")
public record StockAdjustmentRequest(
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
        @NotNull StockAdjustmentReason reason,
        @Size(max = 500) String note) {
}
