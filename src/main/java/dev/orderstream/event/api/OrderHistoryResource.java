package dev.orderstream.event.api;

import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import dev.orderstream.common.problem.NotFoundProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.event.EventLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/orders/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class OrderHistoryResource {

    private final EventLog log;
    private final SecurityIdentity identity;

    public OrderHistoryResource(EventLog log, SecurityIdentity identity) {
        this.log = log;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every event of one order, in sequence order, from the event log")
    @APIResponse(responseCode = "200", description = "The order's events",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EventResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF, Roles.SERVICE})
    public Uni<List<EventResponse>> history(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        // Every order has at least its order.placed event, so an empty log means no such order.
        return log.historyOf(id)
                .map(records -> {
                    if (records.isEmpty()) {
                        throw new NotFoundProblem("Order", id);
                    }
                    caller.requireAccess(records.get(0).customerId(), id);
                    return records.stream().map(EventResponse::of).toList();
                });
    }
}
