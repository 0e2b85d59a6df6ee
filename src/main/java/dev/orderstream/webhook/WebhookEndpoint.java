package dev.orderstream.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A merchant's HTTP endpoint and the events it subscribes to ({@code order.*} or exact types).
 * While a rotation's overlap lasts, {@code previousSecret} signs too.
 */
public record WebhookEndpoint(UUID id, String url, List<String> events, String description, boolean enabled,
                              String disabledReason, Instant disabledAt, String secret, String previousSecret,
                              Instant previousSecretUntil, Instant createdAt, Instant updatedAt) {

    public static final String EVERY_ORDER_EVENT = "order.*";

    /** The secrets a message is signed with now: the current one, and the previous during its overlap. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
