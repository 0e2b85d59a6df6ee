package dev.orderstream.order.api;

import java.util.UUID;
import dev.orderstream.order.OrderCommand;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /orders/{id}/returns/{rid}/receipt}: whether the units go back on sale. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of receiveReturn: whether the units go back on sale")
public record ReceiptRequest(@NotNull Boolean restock) {

    public OrderCommand.ReceiveReturn toCommand(UUID returnId) {
        return new OrderCommand.ReceiveReturn(returnId, restock);
    }
}
