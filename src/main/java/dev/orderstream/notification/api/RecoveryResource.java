package dev.orderstream.notification.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Roles;
import dev.orderstream.notification.NotificationExceptions.InvalidLinkException;
import dev.orderstream.notification.RecoveryLinks;
import dev.orderstream.order.CheckoutRecovery;
import dev.orderstream.order.api.OrderResource;
import dev.orderstream.order.api.OrderResponse;
import dev.orderstream.tracking.Brand;
import dev.orderstream.tracking.Branding;
import dev.orderstream.tracking.TrackingPageService;
import dev.orderstream.tracking.api.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/**
 * The recovery link of an abandoned checkout's email: GET shows a page with one button (a GET
 * places nothing: mail scanners follow links), POST places the new order. POST takes the link's
 * token, or a staff bearer token; a browser's form post is sent on to the new order's tracking page.
 */
@Path("/orders/{id}/recovery")
@Tag(name = "Notifications")
public class RecoveryResource {

    @CheckedTemplate(basePath = "notifications")
    static class Templates {
        static native TemplateInstance recovery(Brand brand, String lang, long number, String token);
    }

    private final CheckoutRecovery recovery;
    private final RecoveryLinks links;
    private final CurrentIdentityAssociation identity;
    private final TrackingPageService languages;
    private final Branding branding;
    private final Pages pages;

    public RecoveryResource(CheckoutRecovery recovery, RecoveryLinks links, CurrentIdentityAssociation identity,
                            TrackingPageService languages, Branding branding, Pages pages) {
        this.recovery = recovery;
        this.links = links;
        this.identity = identity;
        this.languages = languages;
        this.branding = branding;
        this.pages = pages;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @SecurityRequirements // public: the token in the link is the credential
    @Operation(operationId = "getRecoveryPage", summary = "The recovery link's page: asks to place the expired order again")
    @APIResponse(responseCode = "200", description = "The page, with the order number and the button",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "The link's token is missing, changed or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> page(@PathParam("id") UUID id, @QueryParam("token") String token, @QueryParam("lang") String lang,
                              @Context HttpHeaders headers) {
        links.require(id, token);
        Locale language = languages.language(lang, headers.getAcceptableLanguages());
        return links.numberOf(id).chain(number -> pages.render(
                Templates.recovery(branding.brand(), language.getLanguage(), number, token), language, 200));
    }

    @POST
    @PermitAll
    @Produces({MediaType.APPLICATION_JSON, "text/html;qs=0.5"})
    @SecurityRequirements // public: the token in the link is the credential
    @Operation(operationId = "recoverCheckout", summary = "Place a new order with an expired order's lines at today's prices, holding their stock; "
            + "with the recovery link's token, or as staff. Once per expired order: again, it answers the same order")
    @APIResponse(responseCode = "201", description = "Placed; the expired order's log has order.recovered",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "200", description = "Recovered before: the order placed then",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @APIResponse(responseCode = "403", description = "No staff token, and the link's token is missing, changed or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Short of stock (the shortages are listed), or the order did not expire",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> recover(@PathParam("id") UUID id, @QueryParam("token") String token,
                                 @Context HttpHeaders headers) {
        boolean browser = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType()).orElse(false);
        return authorized(id, token)
                .chain(() -> recovery.recover(id))
                .map(recovered -> {
                    OrderResponse order = recovered.order();
                    if (browser) {
                        return Response.seeOther(URI.create("/track/" + order.trackingToken())).build();
                    }
                    URI location = UriBuilder.fromResource(OrderResource.class).path(order.id().toString()).build();
                    return (recovered.placedNow() ? Response.created(location) : Response.ok().location(location))
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(order)
                            .build();
                });
    }

    /** The link's token, else a staff bearer token (authenticated here, without blocking). */
    private Uni<Void> authorized(UUID id, String token) {
        if (token != null) {
            links.require(id, token);
            return Uni.createFrom().voidItem();
        }
        return identity.getDeferredIdentity().invoke(caller -> {
            if (caller.isAnonymous() || !caller.hasRole(Roles.STAFF)) {
                throw new InvalidLinkException();
            }
        }).replaceWithVoid();
    }
}
