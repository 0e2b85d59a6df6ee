package dev.orderstream.order.api;

import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /orders/{id}/returns/{rid}/receipt}: whether the units go back on sale. */
public record ReceiptRequest(@NotNull Boolean restock) {
}
