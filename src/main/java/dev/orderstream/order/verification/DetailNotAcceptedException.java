package dev.orderstream.order.verification;

import dev.orderstream.common.DomainException;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A well-formed detail the store does not accept: a sales channel it does not sell on, a country it
 * does not ship to. Names the field and what would be accepted.
 */
public class DetailNotAcceptedException extends DomainException {

    private final Map<String, Object> extensions;

    private DetailNotAcceptedException(String type, String title, String field, String detail, String allowedName,
                                       Collection<String> allowed) {
        super(Kind.RULE_VIOLATED, type, title, detail);
        this.extensions = Map.of("errors", List.of(Map.of("field", field, "message", detail)),
                allowedName, List.copyOf(allowed));
    }

    static DetailNotAcceptedException channel(String channel, Collection<String> channels) {
        return new DetailNotAcceptedException("unknown-channel", "Unknown sales channel", "channel",
                "'" + channel + "' is not one of this store's sales channels: " + String.join(", ", channels),
                "allowedChannels", channels);
    }

    static DetailNotAcceptedException country(String country, Collection<String> shipsTo) {
        return new DetailNotAcceptedException("country-not-shipped", "Country not shipped to",
                "shippingAddress.country",
                "This store does not ship to " + country + "; it ships to " + String.join(", ", shipsTo),
                "shipsTo", shipsTo);
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
