package dev.orderstream.webhook.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Roles;
import dev.orderstream.webhook.WebhookService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** One delivery of the log, sent again on request (staff). */
@Path("/webhook-deliveries")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.STAFF)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookDeliveryResource {

    private final WebhookService webhooks;

    public WebhookDeliveryResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Path("/{id}/redelivery")
    @Operation(operationId = "redeliverWebhook", summary = "Send a delivery's event to its endpoint again, as a new delivery (same webhook-id)")
    @APIResponse(responseCode = "202", description = "The new delivery's id")
    @APIResponse(responseCode = "404", description = "Unknown delivery",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> redeliver(@PathParam("id") long id) {
        return webhooks.redeliver(id).map(created -> Response.accepted(Map.of("deliveryId", created)).build());
    }
}
