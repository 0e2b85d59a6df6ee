package dev.orderstream.order.api;

import dev.orderstream.order.OrderCommand;
import dev.orderstream.order.CancellationReason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /orders/{id}/cancellation}. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of cancelOrder: the reason, and a note for the log")
public record CancellationRequest(@NotNull CancellationReason reason, @Size(max = 500) String note) {

    public OrderCommand.Cancel toCommand() {
        return new OrderCommand.Cancel(reason, note);
    }
}
