package dev.orderstream.order.api;

import dev.orderstream.order.OrderCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /orders/{id}/fulfillments}: a shipment of some units. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of createFulfillment: the units shipped, with carrier and tracking number")
public record FulfillmentRequest(
        @NotEmpty List<@NotNull @Valid LineRequest> lines,
        @NotBlank @Size(max = 100) String carrier,
        @NotBlank @Size(max = 100) String trackingNumber,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String trackingUrl) {

    public OrderCommand.Fulfill toCommand() {
        return new OrderCommand.Fulfill(LineRequest.units(lines), carrier, trackingNumber, trackingUrl);
    }
}
