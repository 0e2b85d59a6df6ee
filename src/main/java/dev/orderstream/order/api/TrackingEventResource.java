package dev.orderstream.order.api;

import dev.orderstream.common.Versions;
import dev.orderstream.common.idempotency.IdempotencyKeys;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import dev.orderstream.order.ChangeContext;
import dev.orderstream.order.TrackingEventService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Carrier tracking events: shipping tools and carrier aggregators push a shipment's scans here,
 * and anyone who may read the order reads them back in the order they happened.
 */
@Path("/orders/{id}/fulfillments/{fulfillmentId}/tracking-events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class TrackingEventResource {

    private final TrackingEventService trackingEvents;
    private final IdempotencyKeys idempotencyKeys;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public TrackingEventResource(TrackingEventService trackingEvents, IdempotencyKeys idempotencyKeys,
                                 SecurityIdentity identity, HttpServerRequest http) {
        this.trackingEvents = trackingEvents;
        this.idempotencyKeys = idempotencyKeys;
        this.identity = identity;
        this.http = http;
    }

    @POST
    @Operation(operationId = "recordTrackingEvent", summary = "Record a carrier's scan of a shipment, once per source and event id",
            description = "A scan sent again (same source and externalEventId) changes nothing and is answered "
                    + "with the stored one (200). Scans arriving out of time order are stored and listed in "
                    + "happenedAt order but never move the shipment backwards; a delivered scan delivers the "
                    + "shipment as POST …/delivery does.")
    @APIResponse(responseCode = "201", description = "The scan, recorded now",
            content = @Content(schema = @Schema(implementation = TrackingEventResponse.class)))
    @APIResponse(responseCode = "200", description = "The scan, recorded before: nothing changed",
            content = @Content(schema = @Schema(implementation = TrackingEventResponse.class)))
    @ChangeResponses
    @RolesAllowed({Roles.STAFF, Roles.SERVICE})
    public Uni<Response> record(@PathParam("id") UUID id, @PathParam("fulfillmentId") UUID fulfillmentId,
                                @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                @NotNull @Valid TrackingEventRequest request) {
        String operation = "POST /orders/" + id + "/fulfillments/" + fulfillmentId + "/tracking-events";
        Caller caller = Caller.of(identity, http);
        ChangeContext context = new ChangeContext(caller, Versions.fromIfMatch(ifMatch),
                idempotencyKeys.of(idempotencyKey, caller, operation, request));
        return trackingEvents.record(id, request.toCommand(fulfillmentId), context)
                .map(recorded -> Response.status(recorded.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(TrackingEventResponse.of(recorded.scan()))
                        .build());
    }

    @GET
    @Operation(operationId = "listTrackingEvents", summary = "A shipment's carrier scans, in the order they happened")
    @APIResponse(responseCode = "200", description = "The scans, oldest first by happenedAt",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TrackingEventResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown order or shipment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF, Roles.SERVICE})
    public Uni<List<TrackingEventResponse>> list(@PathParam("id") UUID id,
                                                 @PathParam("fulfillmentId") UUID fulfillmentId) {
        return trackingEvents.ofShipment(id, fulfillmentId, Caller.of(identity, http))
                .map(scans -> scans.stream().map(TrackingEventResponse::of).toList());
    }
}
