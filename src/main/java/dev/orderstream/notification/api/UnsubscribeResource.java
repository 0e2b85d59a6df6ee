package dev.orderstream.notification.api;

import dev.orderstream.notification.NotificationExceptions.InvalidLinkException;
import dev.orderstream.notification.NotificationService;
import dev.orderstream.tracking.Brand;
import dev.orderstream.tracking.Branding;
import dev.orderstream.tracking.TrackingPageService;
import dev.orderstream.tracking.api.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.orderstream.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;

/**
 * The unsubscribe link of every email: GET shows a page asking to confirm (mail scanners follow
 * links; a GET changes nothing), POST unsubscribes (the page's button, and RFC 8058 one-click
 * unsubscribe from the mailbox). A link that was tampered with is refused (403).
 */
@Path("/notification-preferences/unsubscribe")
@Tag(name = "Notifications")
public class UnsubscribeResource {

    @CheckedTemplate(basePath = "notifications")
    static class Templates {
        static native TemplateInstance unsubscribe(Brand brand, String lang, String token, boolean done);
    }

    private final NotificationService notifications;
    private final TrackingPageService languages;
    private final Branding branding;
    private final Pages pages;

    public UnsubscribeResource(NotificationService notifications, TrackingPageService languages, Branding branding,
                               Pages pages) {
        this.notifications = notifications;
        this.languages = languages;
        this.branding = branding;
        this.pages = pages;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @SecurityRequirements // public: the token in the link is the credential
    @Operation(operationId = "getUnsubscribePage", summary = "The unsubscribe page of an email's link: asks to confirm")
    @APIResponse(responseCode = "200", description = "The page, asking to confirm",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "The link's token is missing, changed or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> page(@QueryParam("token") String token, @QueryParam("lang") String lang,
                              @Context HttpHeaders headers) {
        if (!notifications.isGenuineUnsubscribe(token)) {
            throw new InvalidLinkException();
        }
        Locale language = languages.language(lang, headers.getAcceptableLanguages());
        return pages.render(Templates.unsubscribe(branding.brand(), language.getLanguage(), token, false), language, 200);
    }

    @POST
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @SecurityRequirements // public: the token in the link is the credential
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe from order updates (the page's button, or one-click from the mailbox)")
    @APIResponse(responseCode = "200", description = "Unsubscribed: the page saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "The link's token is missing, changed or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> unsubscribe(@QueryParam("token") String token, @QueryParam("lang") String lang,
                                     @Context HttpHeaders headers) {
        Locale language = languages.language(lang, headers.getAcceptableLanguages());
        return notifications.unsubscribe(token)
                .chain(() -> pages.render(Templates.unsubscribe(branding.brand(), language.getLanguage(), null, true),
                        language, 200));
    }
}
