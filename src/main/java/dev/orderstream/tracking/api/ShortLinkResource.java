package dev.orderstream.tracking.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** {@code /t/{token}}: the tracking page under a link short enough for a text message. */
@Path("/t/{token}")
public class ShortLinkResource {

    private final TrackingResource tracking;

    public ShortLinkResource(TrackingResource tracking) {
        this.tracking = tracking;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Tag(name = "Tracking")
    @SecurityRequirements // public: the token is the credential
    @Operation(operationId = "openShortLink", summary = "The tracking page, as GET /track/{token} renders it")
    @APIResponse(responseCode = "200", description = "The tracking page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Unknown tracking token: the lookup form, saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> page(@PathParam("token") String token, @QueryParam("lang") String lang,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return tracking.page(token, lang, headers, http);
    }
}
