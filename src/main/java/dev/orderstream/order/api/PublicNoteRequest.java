package dev.orderstream.order.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /orders/{id}/public-notes}: plain text for the customer (escaped wherever shown). */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of addPublicNote: a note the customer sees on the tracking page")
public record PublicNoteRequest(@NotBlank @Size(max = 1000) String message) {
}
