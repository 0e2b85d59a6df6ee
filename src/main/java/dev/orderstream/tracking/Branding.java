package dev.orderstream.tracking;

import dev.orderstream.common.OrderstreamConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The merchant's branding of the tracking page ({@code orderstream.tracking.*}), checked once at
 * startup, and the page's Content-Security-Policy: scripts and styles from the page's own origin
 * only, plus the one inline style block (the accent colour) by its hash; images also from the
 * logo's origin; frames from the configured storefront origins.
 */
@ApplicationScoped
public class Branding {

    private static final Pattern COLOUR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(?::\\d{1,5})?");
    /** The languages the page speaks (message bundles msg, msg_de). */
    public static final List<String> LANGUAGES = List.of("en", "de");

    private final OrderstreamConfig.Tracking config;
    private final String style;
    private final String contentSecurityPolicy;
    private final Brand brand;

    public Branding(OrderstreamConfig config) {
        this.config = config.tracking();
        if (!COLOUR.matcher(this.config.accentColor()).matches()) {
            throw new IllegalArgumentException("orderstream.tracking.accent-color must be #rgb or #rrggbb, not "
                    + this.config.accentColor());
        }
        if (!LANGUAGES.contains(this.config.defaultLanguage())) {
            throw new IllegalArgumentException("orderstream.tracking.default-language must be one of " + LANGUAGES);
        }
        this.config.logoUrl().ifPresent(logo -> requireWeb(logo, "logo-url"));
        this.config.supportUrl().ifPresent(url -> requireWeb(url, "support-url"));
        List<String> frames = this.config.embedOrigins().orElse(List.of());
        frames.forEach(origin -> {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("orderstream.tracking.embed-origins: not an origin: " + origin);
            }
        });
        this.style = ":root{--accent:" + this.config.accentColor().toLowerCase(Locale.ROOT) + "}";
        String images = "'self'" + this.config.logoUrl().map(logo -> " " + logo.getScheme() + "://" + logo.getRawAuthority()).orElse("");
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' '" + sha256(style) + "'; img-src "
                + images + "; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors "
                + (frames.isEmpty() ? "'self'" : "'self' " + String.join(" ", frames));
        this.brand = new Brand(storeName(), logoUrl(), supportEmail(), supportUrl(), message(), style,
                this.config.accentColor().toLowerCase(Locale.ROOT));
    }

    /** The branding as the templates show it. */
    public Brand brand() {
        return brand;
    }

    public String storeName() {
        return config.storeName();
    }

    public String logoUrl() {
        return config.logoUrl().map(URI::toString).orElse(null);
    }

    public String supportEmail() {
        return config.supportEmail().orElse(null);
    }

    public String supportUrl() {
        return config.supportUrl().map(URI::toString).orElse(null);
    }

    public String message() {
        return config.message().orElse(null);
    }

    /** The one inline style: the accent colour (checked above, so nothing else can get in). */
    public String style() {
        return style;
    }

    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    public String defaultLanguage() {
        return config.defaultLanguage();
    }

    public java.time.ZoneId timeZone() {
        return config.timeZone();
    }

    private static void requireWeb(URI uri, String property) {
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("orderstream.tracking." + property + " must be an http(s) URL, not " + uri);
        }
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<String> supported(String language) {
        if (language == null) {
            return Optional.empty();
        }
        String primary = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return LANGUAGES.contains(primary) ? Optional.of(primary) : Optional.empty();
    }
}
