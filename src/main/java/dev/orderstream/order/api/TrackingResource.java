package dev.orderstream.order.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.event.TrackingTokens;
import dev.orderstream.order.OrderService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Public order tracking: no token needed, only the order's unguessable tracking token (128 random
 * bits, unrelated to the order id). Every lookup, right or wrong, counts toward the caller's
 * tracking rate limit, so tokens cannot be brute-forced.
 */
@Path("/track/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking", description = "Public order tracking by token")
public class TrackingResource {

    private final TrackingTokens tokens;
    private final OrderService orders;

    public TrackingResource(TrackingTokens tokens, OrderService orders) {
        this.tokens = tokens;
        this.orders = orders;
    }

    @GET
    @PermitAll
    @Operation(summary = "An order's status, items and shipments by its tracking token; no personal data")
    @APIResponse(responseCode = "200", description = "The order as a tracking page shows it",
            content = @Content(schema = @Schema(implementation = TrackingResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown tracking token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many lookups from this client; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TrackingResponse> track(@PathParam("token") String token, @Context HttpServerRequest http) {
        return tokens.orderOf(token, http)
                .chain(orders::get)
                .map(TrackingResponse::of);
    }
}
