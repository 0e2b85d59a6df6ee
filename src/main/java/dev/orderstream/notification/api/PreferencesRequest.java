package dev.orderstream.notification.api;

import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /customers/{id}/notification-preferences}, and its answer. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A customer's email preferences")
public record PreferencesRequest(
        /* false: only the emails the law needs (order placed, cancelled, refunds) */
        @NotNull Boolean orderUpdates) {
}
