package dev.orderstream.tracking.api;

import dev.orderstream.tracking.Branding;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Locale;

/**
 * Renders the customer-facing pages (tracking, lookup, unsubscribe, checkout recovery) with their
 * security headers: the CSP ({@link Branding}), no sniffing, no referrer (tokens are in the URLs),
 * and no caching of a page that is one customer's (their assets are cached).
 */
@ApplicationScoped
public class Pages {

    private final Branding branding;

    public Pages(Branding branding) {
        this.branding = branding;
    }

    public Uni<Response> render(TemplateInstance template, Locale language, int status) {
        return template.setLocale(language).createUni()
                .map(html -> Response.status(status)
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Language", language.getLanguage())
                        .header("Content-Security-Policy", branding.contentSecurityPolicy())
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Referrer-Policy", "no-referrer")
                        .header("Cache-Control", "no-store")
                        .header("Vary", "Accept, Accept-Language")
                        .entity(html)
                        .build());
    }
}
