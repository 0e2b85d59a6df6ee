package dev.orderstream.bulk.api;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.order.Customer;
import dev.orderstream.order.OrderCommand;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.PaymentKind;
import dev.orderstream.order.ShippingAddress;
import dev.orderstream.order.StockMode;
import dev.orderstream.order.api.AddressRequest;
import dev.orderstream.order.api.DeliverableEmail;
import dev.orderstream.order.api.LineRequest;
import dev.orderstream.order.verification.CustomerDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of an import file ({@code POST /orders/imports}): a placement as {@code POST /orders}
 * takes it, plus the channel's own id of the order, when it was placed there, and the status it has
 * there ({@code CONFIRMED} with its payment, {@code FULFILLED} with its payment and shipments).
 */
@Schema(description = "One order of an import file (a line of JSON Lines)",
        requiredProperties = {"externalOrderId", "customerId", "email", "channel", "shippingAddress", "lines"})
public record ImportLineRequest(
        @Schema(description = "The order's id in its sales channel: (channel, externalOrderId) is imported once")
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cc}+", message = "must not contain control characters")
        String externalOrderId,
        @NotBlank @Size(max = 100) String customerId,
        @NotBlank @DeliverableEmail @Size(max = 254) String email,
        @NotBlank @Pattern(regexp = CustomerDetails.CHANNEL_PATTERN,
                message = "must be a lower-case slug such as web or pos") String channel,
        @NotNull @Valid AddressRequest shippingAddress,
        @NotEmpty @Size(max = 10_000) List<@NotNull @Valid Line> lines,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}") @Size(max = 35) String language,
        @Schema(description = "When it was placed in its channel; absent: now") Instant placedAt,
        @Schema(description = "PENDING_PAYMENT (the default), CONFIRMED (with payment) or FULFILLED (with payment and shipments)")
        @Pattern(regexp = "PENDING_PAYMENT|CONFIRMED|FULFILLED", message = "must be PENDING_PAYMENT, CONFIRMED or FULFILLED")
        String status,
        @Valid Payment payment,
        @Size(max = 100) List<@NotNull @Valid Shipment> shipments) {

    /** A line at the channel's unit price (minor units of the product's currency) or, without one, the catalog's. */
    @Schema(description = "A SKU, a quantity and optionally the unit price the channel sold it at (minor units)",
            requiredProperties = {"sku", "quantity"})
    public record Line(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(10_000) Integer quantity,
                       @PositiveOrZero Long unitPrice) {
    }

    /** The order's payment in its channel: authorized for the total, and captured unless kind is AUTHORIZATION. */
    @Schema(description = "The payment: the total authorized and, for CAPTURE (the default), captured",
            requiredProperties = {"provider"})
    public record Payment(@Pattern(regexp = "AUTHORIZATION|CAPTURE", message = "must be AUTHORIZATION or CAPTURE") String kind,
                          @NotBlank @Size(max = 100) String provider, @Size(max = 200) String reference) {
    }

    /** A shipment made in the channel: the listed units or, without lines, everything not shipped yet. */
    @Schema(description = "A shipment: carrier, tracking number and the units (absent: all still unshipped)",
            requiredProperties = {"carrier", "trackingNumber"})
    public record Shipment(@NotBlank @Size(max = 100) String carrier, @NotBlank @Size(max = 100) String trackingNumber,
                           @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                           String trackingUrl,
                           List<@NotNull @Valid LineRequest> lines) {
    }

    /** What is wrong beyond each field's own rules (status, payment and shipments together); empty: nothing. */
    public List<String> inconsistencies() {
        List<String> wrong = new ArrayList<>();
        OrderStatus target = target();
        if (target == OrderStatus.PENDING_PAYMENT && payment != null) {
            wrong.add("payment: a PENDING_PAYMENT order has none (set status CONFIRMED or FULFILLED)");
        }
        if (target != OrderStatus.PENDING_PAYMENT && payment == null) {
            wrong.add("payment: a " + target + " order needs its payment");
        }
        boolean shipped = shipments != null && !shipments.isEmpty();
        if (target == OrderStatus.FULFILLED && !shipped) {
            wrong.add("shipments: a FULFILLED order needs its shipments");
        }
        if (target != OrderStatus.FULFILLED && shipped) {
            wrong.add("shipments: only a FULFILLED order is imported with shipments");
        }
        return wrong;
    }

    private OrderStatus target() {
        return status == null ? OrderStatus.PENDING_PAYMENT : OrderStatus.valueOf(status);
    }

    public OrderCommand.Import toCommand(StockMode stockMode) {
        OrderCommand.RecordPayment paid = payment == null ? null : new OrderCommand.RecordPayment(
                "AUTHORIZATION".equals(payment.kind()) ? PaymentKind.AUTHORIZATION : PaymentKind.CAPTURE, null,
                payment.provider(), payment.reference() == null ? externalOrderId : payment.reference());
        List<OrderCommand.Fulfill> shipped = shipments == null ? List.of() : shipments.stream()
                .map(shipment -> new OrderCommand.Fulfill(shipment.lines() == null ? List.<SkuQuantity>of()
                        : shipment.lines().stream().map(LineRequest::toSkuQuantity).toList(), shipment.carrier(),
                        shipment.trackingNumber(), shipment.trackingUrl()))
                .toList();
        return new OrderCommand.Import(new Customer(customerId, email, channel, language),
                new ShippingAddress(shippingAddress.name(), shippingAddress.line1(), shippingAddress.line2(),
                        shippingAddress.city(), shippingAddress.postalCode(), shippingAddress.country(),
                        shippingAddress.phone()),
                lines.stream().map(line -> new OrderCommand.ImportedLine(line.sku(), line.quantity(), line.unitPrice()))
                        .toList(),
                externalOrderId, placedAt, target(), paid, shipped, stockMode);
    }
}
