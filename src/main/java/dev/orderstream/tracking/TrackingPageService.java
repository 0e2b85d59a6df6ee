package dev.orderstream.tracking;

import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.RateLimiter;
import dev.orderstream.event.EventStore;
import dev.orderstream.order.OrderRepository;
import dev.orderstream.order.TrackingTokenNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * The tracking page's use cases: the page of a tracking token, and finding a token by order number
 * and email or postal code. Both count toward the caller's tracking rate limit, right or wrong,
 * like every public tracking lookup.
 */
@ApplicationScoped
public class TrackingPageService {

    private final OrderRepository orders;
    private final EventStore events;
    private final RateLimiter rateLimiter;
    private final Branding branding;

    public TrackingPageService(OrderRepository orders, EventStore events, RateLimiter rateLimiter, Branding branding) {
        this.orders = orders;
        this.events = events;
        this.rateLimiter = rateLimiter;
        this.branding = branding;
    }

    public Uni<TrackingPage> page(String token, Locale language, Caller caller) {
        rateLimiter.check(RateLimiter.Kind.TRACKING, caller);
        return orders.findTracked(token)
                .onItem().ifNull().failWith(TrackingTokenNotFoundException::new)
                .chain(order -> events.historyOf(order.id())
                        .map(history -> TrackingPage.of(token, order, history, language, branding.timeZone())));
    }

    /** The tracking token of order {@code number}, given its email or its postal code. */
    public Uni<String> lookup(long number, String email, String postalCode, Caller caller) {
        rateLimiter.check(RateLimiter.Kind.TRACKING, caller);
        String byEmail = blankToNull(email);
        String byPostalCode = blankToNull(postalCode);
        if (byEmail == null && byPostalCode == null) {
            return Uni.createFrom().failure(new OrderLookupFailedException());
        }
        return orders.trackingTokenOf(number, byEmail, byPostalCode)
                .map(token -> token.orElseThrow(OrderLookupFailedException::new));
    }

    /** The page's language: {@code ?lang=}, else the first of Accept-Language it speaks, else the configured one. */
    public Locale language(String requested, List<Locale> accepted) {
        return Branding.supported(requested)
                .or(() -> accepted.stream().map(Locale::getLanguage).map(Branding::supported)
                        .flatMap(java.util.Optional::stream).findFirst())
                .map(Locale::forLanguageTag)
                .orElse(Locale.forLanguageTag(branding.defaultLanguage()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
