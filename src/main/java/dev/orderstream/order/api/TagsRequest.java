package dev.orderstream.order.api;

import dev.orderstream.order.Order;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of {@code POST /orders/{id}/tags}: staff's labels, stored lower case. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of tagOrder: the tags to add",
        requiredProperties = {"tags"})
public record TagsRequest(
        @NotNull @Size(min = 1, max = Order.MAX_TAGS)
        List<@NotNull @Pattern(regexp = TagsRequest.TAG, message = TagsRequest.TAG_MESSAGE) String> tags) {

    /** A tag: a letter or digit, then up to 39 letters, digits, '-', '_', '.' or ':' (any case; stored lower case). */
    public static final String TAG = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}";
    public static final String TAG_MESSAGE = "must be 1 to 40 letters, digits, '-', '_', '.' or ':', starting with a letter or digit";
}
