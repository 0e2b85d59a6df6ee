package dev.orderstream.bulk.api;

import dev.orderstream.bulk.BulkJobService;
import dev.orderstream.bulk.BulkOperation;
import dev.orderstream.order.Order;
import dev.orderstream.order.api.TagsRequest;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.idempotency.IdempotencyKeys;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import dev.orderstream.order.CancellationReason;
import dev.orderstream.order.OrderStatus;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Bulk jobs over the API (README "Bulk jobs"): staff only. */
@Path("/bulk-jobs")
@Tag(name = "Bulk jobs", description = "One operation over many orders, worked off the request path, a result per order")
@RolesAllowed(Roles.STAFF)
public class BulkJobResource {

    private static final Set<String> STATES = Set.of("pending", "succeeded", "failed", "skipped");

    private final BulkJobService jobs;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderstreamConfig config;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public BulkJobResource(BulkJobService jobs, IdempotencyKeys idempotencyKeys, OrderstreamConfig config,
                           SecurityIdentity identity, HttpServerRequest http) {
        this.jobs = jobs;
        this.idempotencyKeys = idempotencyKeys;
        this.config = config;
        this.identity = identity;
        this.http = http;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createBulkJob", summary = "Queue one operation over many orders: capture, fulfill, "
            + "cancel, deliver or add-public-note, each order through the single-order verb and its rules")
    @APIResponse(responseCode = "202", description = "Queued; follow it at Location",
            content = @Content(schema = @Schema(implementation = BulkJobResponse.class)),
            headers = @Header(name = "Location", ref = "Location"))
    @APIResponse(responseCode = "400", description = "An unknown operation, a selector with both or neither of "
            + "orderIds and filter, or params the operation cannot use (each field named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String key,
                                @NotNull @Valid BulkJobRequest request) {
        BulkJobService.Spec spec = specOf(request);
        Caller caller = Caller.of(identity, http);
        return jobs.create(spec, caller, idempotencyKeys.of(key, caller, "POST /bulk-jobs", request))
                .map(job -> Response.accepted(job).location(URI.create("/bulk-jobs/" + job.id())).build());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getBulkJob", summary = "A bulk job: its state, counts and times")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = BulkJobResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BulkJobResponse> get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }

    @GET
    @Path("/{id}/results")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listBulkJobResults", summary = "A result per order, in the order they were worked; "
            + "status=failed lists each failure with its problem")
    @APIResponse(responseCode = "200", description = "A page of results; pass nextCursor back as cursor for the next")
    @APIResponse(responseCode = "400", description = "Invalid status, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<BulkJobResult>> results(@PathParam("id") UUID id,
                                            @Parameter(description = "pending, succeeded, failed or skipped")
                                            @QueryParam("status") String status,
                                            @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        if (status != null && !STATES.contains(status)) {
            throw new BadRequestProblem("Invalid filter", "status must be one of " + STATES, "status");
        }
        return jobs.results(id, status, PageRequest.of(limit, cursor, config.pagination()));
    }

    @POST
    @Path("/{id}/cancellation")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelBulkJob", summary = "Stop the job between two orders (what is left is skipped); "
            + "a finished job stays as it is")
    @APIResponse(responseCode = "200", description = "The job (cancelled once the worker looks, within a batch)",
            content = @Content(schema = @Schema(implementation = BulkJobResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BulkJobResponse> cancel(@PathParam("id") UUID id) {
        return jobs.cancel(id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamBulkJobProgress", summary = "The job's progress as Server-Sent Events, for a "
            + "progress bar: the job each time its counts change, up to and including its end (percent 100)")
    @APIResponse(responseCode = "200", description = "A text/event-stream of the job as it changes; it ends with the job",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = BulkJobResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @BulkJobStreamCheck.Checked // an unknown job is a 404 problem before the stream opens
    public Multi<BulkJobResponse> progress(@PathParam("id") UUID id) {
        return Multi.createFrom().uni(jobs.get(id)).onItem().transformToMultiAndConcatenate(jobs::progress);
    }

    /** The request, checked whole: every wrong field named in one 400. */
    private BulkJobService.Spec specOf(BulkJobRequest request) {
        List<BadRequestProblem.FieldError> errors = new ArrayList<>();
        BulkOperation operation = BulkOperation.ofWire(request.operation()).orElse(null);
        if (operation == null) {
            errors.add(new BadRequestProblem.FieldError("operation", "must be one of " + BulkOperation.wires().stream()
                    .filter(wire -> !wire.equals(BulkOperation.IMPORT.wire())).toList()));
        }
        BulkJobRequest.Selector selector = request.selector();
        JsonObject selected = new JsonObject();
        if ((selector.orderIds() == null) == (selector.filter() == null)) {
            errors.add(new BadRequestProblem.FieldError("selector", "must name exactly one of orderIds and filter"));
        } else if (selector.orderIds() != null) {
            if (selector.orderIds().isEmpty() || selector.orderIds().size() > config.bulk().maxOrders()) {
                errors.add(new BadRequestProblem.FieldError("selector.orderIds",
                        "must name 1 to " + config.bulk().maxOrders() + " orders"));
            }
            selected.put("orderIds", new JsonArray(selector.orderIds().stream().distinct().map(UUID::toString).toList()));
        } else {
            selected.put("filter", filterOf(selector.filter(), errors));
        }
        String policy = request.errorPolicy() == null ? "continue" : request.errorPolicy();
        if (!policy.equals("continue") && !policy.equals("stop")) {
            errors.add(new BadRequestProblem.FieldError("errorPolicy", "must be continue or stop"));
        }
        JsonObject params = new JsonObject(request.params() == null ? new LinkedHashMap<>() : request.params());
        if (operation != null) {
            checkParams(operation, params, errors);
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("Invalid request", "The request has " + errors.size() + " invalid field(s)",
                    errors);
        }
        return new BulkJobService.Spec(operation, selected, params, policy.equals("stop"),
                Boolean.TRUE.equals(request.dryRun()));
    }

    private static JsonObject filterOf(BulkJobRequest.Filter filter, List<BadRequestProblem.FieldError> errors) {
        JsonObject json = new JsonObject();
        if (filter.status() != null) {
            if (Arrays.stream(OrderStatus.values()).noneMatch(status -> status.name().equals(filter.status()))) {
                errors.add(new BadRequestProblem.FieldError("selector.filter.status",
                        "must be one of " + Arrays.toString(OrderStatus.values())));
            }
            json.put("status", filter.status());
        }
        putIfSet(json, "channel", filter.channel());
        putIfSet(json, "customerId", filter.customerId());
        putIfSet(json, "tag", filter.tag() == null ? null : filter.tag().strip().toLowerCase(java.util.Locale.ROOT));
        for (Map.Entry<String, String> instant : Map.of("createdFrom", String.valueOf(filter.createdFrom()),
                "createdTo", String.valueOf(filter.createdTo())).entrySet()) {
            if (!"null".equals(instant.getValue())) {
                try {
                    Instant.parse(instant.getValue());
                    json.put(instant.getKey(), instant.getValue());
                } catch (DateTimeParseException e) {
                    errors.add(new BadRequestProblem.FieldError("selector.filter." + instant.getKey(),
                            "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
                }
            }
        }
        return json;
    }

    private static void checkParams(BulkOperation operation, JsonObject params, List<BadRequestProblem.FieldError> errors) {
        switch (operation) {
            case CANCEL -> {
                String reason = params.getValue("reason") instanceof String text ? text : null;
                if (reason == null || Arrays.stream(CancellationReason.values()).noneMatch(r -> r.name().equals(reason))) {
                    errors.add(new BadRequestProblem.FieldError("params.reason",
                            "must be one of " + Arrays.toString(CancellationReason.values())));
                }
                if (params.getValue("note") != null && !(params.getValue("note") instanceof String note && note.length() <= 500)) {
                    errors.add(new BadRequestProblem.FieldError("params.note", "must be text of at most 500 characters"));
                }
            }
            case ADD_PUBLIC_NOTE -> {
                if (!(params.getValue("message") instanceof String message) || message.isBlank() || message.length() > 1000) {
                    errors.add(new BadRequestProblem.FieldError("params.message",
                            "must be text of 1 to 1000 characters"));
                }
            }
            case FULFILL -> checkShipments(params, errors);
            case TAG, UNTAG -> {
                if (!(params.getValue("tags") instanceof JsonArray tags) || tags.isEmpty() || tags.size() > Order.MAX_TAGS
                        || !tags.stream().allMatch(tag -> tag instanceof String text && text.matches(TagsRequest.TAG))) {
                    errors.add(new BadRequestProblem.FieldError("params.tags", "must list 1 to " + Order.MAX_TAGS
                            + " tags, each " + TagsRequest.TAG_MESSAGE));
                }
            }
            case IMPORT -> errors.add(new BadRequestProblem.FieldError("operation",
                    "an import is created by POST /orders/imports with its file"));
            case CAPTURE, DELIVER -> {
                if (!params.isEmpty()) {
                    errors.add(new BadRequestProblem.FieldError("params", operation.wire() + " takes no params"));
                }
            }
        }
    }

    private static void checkShipments(JsonObject params, List<BadRequestProblem.FieldError> errors) {
        Object carrier = params.getValue("carrier");
        if (carrier != null && !(carrier instanceof String text && !text.isBlank() && text.length() <= 100)) {
            errors.add(new BadRequestProblem.FieldError("params.carrier", "must be text of 1 to 100 characters"));
        }
        if (!(params.getValue("items") instanceof JsonArray items) || items.isEmpty()) {
            errors.add(new BadRequestProblem.FieldError("params.items",
                    "must list each order's shipment: [{orderId, trackingNumber, carrier?, trackingUrl?}]"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String at = "params.items[" + i + "]";
            if (!(items.getValue(i) instanceof JsonObject item)) {
                errors.add(new BadRequestProblem.FieldError(at, "must be an object"));
                continue;
            }
            try {
                UUID.fromString(String.valueOf(item.getValue("orderId")));
            } catch (IllegalArgumentException e) {
                errors.add(new BadRequestProblem.FieldError(at + ".orderId", "must be an order id"));
            }
            if (!(item.getValue("trackingNumber") instanceof String number) || number.isBlank() || number.length() > 100) {
                errors.add(new BadRequestProblem.FieldError(at + ".trackingNumber", "must be text of 1 to 100 characters"));
            }
            Object own = item.getValue("carrier");
            if (own == null ? carrier == null : !(own instanceof String text && !text.isBlank() && text.length() <= 100)) {
                errors.add(new BadRequestProblem.FieldError(at + ".carrier",
                        "must be text of 1 to 100 characters (or set params.carrier for every order)"));
            }
            Object url = item.getValue("trackingUrl");
            if (url != null && !(url instanceof String text && text.matches("https?://\\S+") && text.length() <= 2000)) {
                errors.add(new BadRequestProblem.FieldError(at + ".trackingUrl", "must be an http(s) URL"));
            }
        }
    }

    private static void putIfSet(JsonObject json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
