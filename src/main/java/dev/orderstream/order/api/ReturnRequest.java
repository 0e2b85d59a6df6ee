package dev.orderstream.order.api;

import dev.orderstream.order.OrderCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /orders/{id}/returns}. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of requestReturn: the shipped units coming back, and why")
public record ReturnRequest(
        @NotEmpty List<@NotNull @Valid LineRequest> lines,
        @Size(max = 500) String reason) {

    public OrderCommand.RequestReturn toCommand() {
        return new OrderCommand.RequestReturn(LineRequest.units(lines), reason);
    }
}
