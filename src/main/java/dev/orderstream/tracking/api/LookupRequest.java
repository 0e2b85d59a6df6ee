package dev.orderstream.tracking.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /track/lookup}: the order number and the order's email or its postal code. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of lookUpOrder: the order number and the order's email or postal code")
public record LookupRequest(@NotNull @Positive Long orderNumber, @Size(max = 320) String email,
                            @Size(max = 20) String postalCode) {
}
