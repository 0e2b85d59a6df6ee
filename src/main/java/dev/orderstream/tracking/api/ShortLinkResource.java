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
    @Operation(summary = "The tracking page, as GET /track/{token} renders it")
    public Uni<Response> page(@PathParam("token") String token, @QueryParam("lang") String lang,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return tracking.page(token, lang, headers, http);
    }
}
