package dev.orderstream.notification.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Roles;
import dev.orderstream.notification.NotificationRepository;
import dev.orderstream.notification.NotificationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

import java.util.List;
import java.util.UUID;

/** What an order's customer was emailed, and a resend (staff). */
@Path("/orders/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "Customer emails, sent from the event log; preferences and unsubscribe")
public class NotificationResource {

    private final NotificationService notifications;

    public NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    @RolesAllowed(Roles.STAFF)
    @Operation(operationId = "listOrderNotifications", summary = "Every email of the order, oldest first: type, recipient, state (pending, sent, suppressed, "
            + "superseded), attempts, last error, when it was sent")
    @APIResponse(responseCode = "200", description = "The order's emails, oldest first")
    @APIResponse(responseCode = "404", description = "Unknown order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<NotificationRepository.Logged>> list(@PathParam("id") UUID id) {
        return notifications.ofOrder(id);
    }

    @POST
    @Path("/{type}/resend")
    @RolesAllowed(Roles.STAFF)
    @Operation(operationId = "resendNotification", summary = "Send the order's latest email of this type (order_placed, shipped, …) again, to the order's address")
    @APIResponse(responseCode = "202", description = "Queued: the new email, pending")
    @APIResponse(responseCode = "404", description = "Unknown order, or it never had an email of this type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The customer opted out of this kind of email",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> resend(@PathParam("id") UUID id, @PathParam("type") String type) {
        return notifications.resend(id, type).map(resent -> Response.accepted(resent).build());
    }
}
