package dev.orderstream.catalog.api;

import dev.orderstream.common.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /products/{sku}}: the catalog data staff own. Stock moves through adjustments. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of putProduct: the product's name and price")
public record ProductRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid MoneyRequest price) {
}
