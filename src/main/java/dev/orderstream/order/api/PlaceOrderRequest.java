package dev.orderstream.order.api;

import dev.orderstream.order.ShippingAddress;
import dev.orderstream.order.OrderCommand;
import dev.orderstream.order.Customer;
import dev.orderstream.order.verification.CustomerDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Body of {@code POST /orders}. Prices are not part of it: they come from the catalog. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of placeOrder. Prices are not part of it: they come from the catalog")
public record PlaceOrderRequest(
        @NotBlank @Size(max = 100) String customerId,
        @Schema(description = "Where the customer's emails go: a domain with a dot after the @ (no localhost), "
                + "at most 64 characters before it and 254 in all (RFC 5321); stored with the domain in lower case",
                examples = "jane.doe@example.com")
        @NotBlank @DeliverableEmail @Size(max = 254) String email,
        @Schema(description = "The sales channel: a slug from orderstream.channels (by default web, app, pos, "
                + "marketplace); another is a 422 unknown-channel that lists the store's", examples = "web")
        @NotBlank @Pattern(regexp = CustomerDetails.CHANNEL_PATTERN,
                message = "must be a lower-case slug such as web or pos") String channel,
        @NotNull @Valid AddressRequest shippingAddress,
        @NotEmpty List<@NotNull @Valid LineRequest> lines,
        @Schema(description = "The customer's language, a BCP 47 tag (en, de, de-AT); emails speak it when the store does",
                examples = "de")
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}") @Size(max = 35) String language) {

    public OrderCommand.Place toCommand() {
        return new OrderCommand.Place(new Customer(customerId, email, channel, language),
                new ShippingAddress(shippingAddress.name(), shippingAddress.line1(), shippingAddress.line2(),
                        shippingAddress.city(), shippingAddress.postalCode(), shippingAddress.country(),
                        shippingAddress.phone()),
                LineRequest.units(lines));
    }
}
