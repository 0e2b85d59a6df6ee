package dev.orderstream.order;

import java.util.Locale;
import java.util.Optional;

/** The merchant alert rules: what makes an order need attention (README "Orders that need attention"). */
public enum AttentionRule {
    /** Paid and confirmed, but nothing shipped after N business hours. */
    CONFIRMED_NOT_SHIPPED,
    /** A shipment the carrier has not scanned N days after it was handed over. */
    NO_CARRIER_SCAN,
    /** A shipment on its way whose latest scan is N days old. */
    STALLED_IN_TRANSIT,
    /** A shipment not delivered by its estimated delivery. */
    ESTIMATED_DELIVERY_MISSED,
    /** A shipment whose carrier reported an exception (address problem, damage, held at customs). */
    DELIVERY_EXCEPTION;

    /** Its name in the API and the events: {@code confirmed_not_shipped}, … */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AttentionRule> ofKey(String key) {
        for (AttentionRule rule : values()) {
            if (rule.key().equals(key)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
