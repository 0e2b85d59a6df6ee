package dev.orderstream.notification.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import dev.orderstream.notification.NotificationService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's choice of emails: the customer itself, or staff. */
@Path("/customers/{customerId}/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public class PreferenceResource {

    private final NotificationService notifications;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public PreferenceResource(NotificationService notifications, SecurityIdentity identity, HttpServerRequest http) {
        this.notifications = notifications;
        this.identity = identity;
        this.http = http;
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    @Operation(operationId = "getNotificationPreferences", summary = "Whether the customer gets order updates by email (true unless it said no)")
    public Uni<PreferencesRequest> get(@PathParam("customerId") String customerId) {
        return notifications.orderUpdates(customerId, Caller.of(identity, http)).map(PreferencesRequest::new);
    }

    @PUT
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    @Operation(operationId = "putNotificationPreferences", summary = "Order updates by email on or off; off still sends order placed, cancelled and refund emails")
    @APIResponse(responseCode = "200", description = "The preferences as stored")
    @APIResponse(responseCode = "403", description = "A customer setting another customer's preferences",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PreferencesRequest> put(@PathParam("customerId") String customerId,
                                       @NotNull @Valid PreferencesRequest request) {
        return notifications.setOrderUpdates(customerId, request.orderUpdates(), Caller.of(identity, http))
                .map(PreferencesRequest::new);
    }
}
