package dev.orderstream.order.api;

import dev.orderstream.order.ShippingAddress;
import dev.orderstream.order.OrderCommand;
import dev.orderstream.order.Customer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /orders}. Prices are not part of it: they come from the catalog. */
public record PlaceOrderRequest(
        @NotBlank @Size(max = 100) String customerId,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 50) String channel,
        @NotNull @Valid AddressRequest shippingAddress,
        @NotEmpty List<@NotNull @Valid LineRequest> lines) {

    public OrderCommand.Place toCommand() {
        return new OrderCommand.Place(new Customer(customerId, email, channel),
                new ShippingAddress(shippingAddress.name(), shippingAddress.line1(), shippingAddress.line2(),
                        shippingAddress.city(), shippingAddress.postalCode(), shippingAddress.country()),
                LineRequest.units(lines));
    }
}
