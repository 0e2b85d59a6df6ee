package dev.orderstream.webhook.api;

import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Roles;
import dev.orderstream.webhook.WebhookEndpoint;
import dev.orderstream.webhook.WebhookRepository;
import dev.orderstream.webhook.WebhookService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Merchant webhook endpoints (staff): register, read, change, remove, and the delivery log. */
@Path("/webhook-endpoints")
@Tag(name = "Webhooks", description = "Signed, ordered event delivery to merchants' HTTP endpoints")
@RolesAllowed(Roles.STAFF)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of createWebhookEndpoint: where to send which events")
    public record EndpointRequest(
            @NotBlank @Size(max = 2048) String url,
            @NotNull @Size(min = 1, max = 50)
            @Schema(description = "order.* or exact event types", examples = "[\"order.*\"]") List<@NotBlank @Size(max = 60) String> events,
            @Size(max = 500) String description) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of updateWebhookEndpoint: only the members given change")
    public record EndpointChange(@Size(max = 2048) String url, @Size(min = 1, max = 50) List<@NotBlank @Size(max = 60) String> events,
                                 @Size(max = 500) String description, Boolean enabled) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of rotateWebhookSecret: how long the old secret stays valid")
    public record Rotation(@Schema(description = "How long the old secret keeps signing (ISO-8601); default 24 h",
            examples = "PT24H") java.time.Duration overlap) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The new signing secret (shown once) and until when the old one keeps signing")
    public record Rotated(String secret, Instant previousSecretValidUntil) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of replayWebhookEvents: from which event or instant")
    public record Replay(@Schema(description = "Re-send what the endpoint subscribes to after this event id")
                         Long since,
                         @Schema(description = "Or: re-send what it subscribes to that occurred after this instant")
                         Instant occurredAfter) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "How many events a replay queued")
    public record Replayed(int deliveries) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A webhook endpoint (its signing secret only in the answer that creates or rotates it)")
    public record EndpointResponse(UUID id, String url, List<String> events, String description, boolean enabled,
                                   String disabledReason, Instant disabledAt, Instant createdAt, Instant updatedAt,
                                   @Schema(description = "The signing secret: only in the answer to its creation")
                                   String secret) {
        static EndpointResponse of(WebhookEndpoint endpoint, boolean withSecret) {
            return new EndpointResponse(endpoint.id(), endpoint.url(), endpoint.events(), endpoint.description(),
                    endpoint.enabled(), endpoint.disabledReason(), endpoint.disabledAt(), endpoint.createdAt(),
                    endpoint.updatedAt(),
                    withSecret ? endpoint.secret() : null);
        }
    }

    private final WebhookService webhooks;

    public WebhookEndpointResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookEndpoint", summary = "Register an endpoint; the answer holds its signing secret, shown this once")
    @APIResponse(responseCode = "201", description = "Registered, with its secret",
            content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid URL (in production: not public https) or event types",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@Valid @NotNull EndpointRequest request) {
        return webhooks.register(request.url(), request.events(), request.description())
                .map(endpoint -> Response.created(UriBuilder.fromResource(WebhookEndpointResource.class)
                                .path(endpoint.id().toString()).build())
                        .entity(EndpointResponse.of(endpoint, true)).build());
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "Every endpoint (no secrets)")
    public Uni<List<EndpointResponse>> list() {
        return webhooks.list().map(endpoints -> endpoints.stream().map(e -> EndpointResponse.of(e, false)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "One endpoint (no secret)")
    @APIResponse(responseCode = "200", description = "The endpoint")
    @APIResponse(responseCode = "404", description = "Unknown endpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndpointResponse> get(@PathParam("id") UUID id) {
        return webhooks.get(id).map(endpoint -> EndpointResponse.of(endpoint, false));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateWebhookEndpoint", summary = "Change the URL, events, description or enabled state; enabling resumes waiting deliveries in order")
    @APIResponse(responseCode = "200", description = "The endpoint as changed")
    @APIResponse(responseCode = "404", description = "Unknown endpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndpointResponse> change(@PathParam("id") UUID id, @Valid @NotNull EndpointChange change) {
        return webhooks.change(id, new WebhookService.Changes(change.url(), change.events(), change.description(),
                        change.enabled()))
                .map(endpoint -> EndpointResponse.of(endpoint, false));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Remove an endpoint and its delivery log")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Unknown endpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> remove(@PathParam("id") UUID id) {
        return webhooks.remove(id).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/secret-rotation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret; the old one keeps signing next to it for the overlap (both signatures sent)")
    @APIResponse(responseCode = "200", description = "The new secret, shown this once",
            content = @Content(schema = @Schema(implementation = Rotated.class)))
    @APIResponse(responseCode = "404", description = "Unknown endpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Rotated> rotateSecret(@PathParam("id") UUID id, Rotation rotation) {
        return webhooks.rotateSecret(id, rotation == null ? null : rotation.overlap())
                .map(endpoint -> new Rotated(endpoint.secret(), endpoint.previousSecretUntil()));
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayWebhookEvents", summary = "Send again every event the endpoint subscribes to after an event id (since) or an "
            + "instant (occurredAfter), in order")
    @APIResponse(responseCode = "202", description = "How many deliveries were queued",
            content = @Content(schema = @Schema(implementation = Replayed.class)))
    @APIResponse(responseCode = "400", description = "Unknown event id, or not exactly one of since and occurredAfter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replay(@PathParam("id") UUID id, @Valid @NotNull Replay replay) {
        return webhooks.replay(id, replay.since(), replay.occurredAfter(), 10_000)
                .map(count -> Response.accepted(new Replayed(count)).build());
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getWebhookEndpointHistory", summary = "What happened to the endpoint itself, oldest first: webhook_endpoint.disabled (by the "
            + "circuit breaker, a 410 or the API, with the reason) and webhook_endpoint.enabled")
    @APIResponse(responseCode = "200", description = "The endpoint's own events, oldest first")
    @APIResponse(responseCode = "404", description = "Unknown endpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<WebhookRepository.EndpointEvent>> history(@PathParam("id") UUID id) {
        return webhooks.history(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log: newest first, each delivery with every attempt (time, status code, "
            + "latency, error, response excerpt)")
    @APIResponse(responseCode = "200", description = "A page of deliveries; pass nextCursor back as cursor for the next")
    @APIResponse(responseCode = "404", description = "Unknown endpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<WebhookRepository.LoggedDelivery>> deliveries(@PathParam("id") UUID id,
                                                                  @QueryParam("status") String status,
                                                                  @QueryParam("orderId") String orderId,
                                                                  @QueryParam("limit") String limit,
                                                                  @QueryParam("cursor") String cursor) {
        UUID order;
        try {
            order = orderId == null ? null : UUID.fromString(orderId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestProblem("Invalid orderId", "orderId must be an order id", "orderId");
        }
        return webhooks.deliveries(id, status, order, PageRequest.of(limit, cursor, webhooks.pagination()));
    }
}
