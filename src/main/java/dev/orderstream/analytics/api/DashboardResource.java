package dev.orderstream.analytics.api;

import dev.orderstream.event.EventType;
import dev.orderstream.tracking.Branding;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The merchant dashboard (README "Dashboard"). The page holds no figures: its script asks for them
 * with the staff token the merchant pastes once ({@code /analytics/sales}, {@code /orders?attention=true}),
 * and follows {@code /events} through a stream ticket, so the page itself is public and the data
 * staff-only, as everywhere else. Its charts are Apache ECharts, served from the jar (mvnpm).
 */
@Path("/dashboard")
public class DashboardResource {

    /** Scripts and styles of this origin only; the charts draw on canvases. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static final String EVENT_TYPES = EventType.wireNames();

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance page(String storeName, String eventTypes);
    }

    private final Branding branding;

    public DashboardResource(Branding branding) {
        this.branding = branding;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true) // a page, not an API: its data comes from the documented operations
    public Uni<Response> page() {
        return Templates.page(branding.storeName(), EVENT_TYPES).createUni()
                .map(html -> Response.ok(html)
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Referrer-Policy", "no-referrer")
                        .header("Cache-Control", "no-store")
                        .build());
    }
}
