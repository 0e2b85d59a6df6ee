package dev.orderstream.order.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import org.jboss.resteasy.reactive.RestMulti;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.Versions;
import dev.orderstream.common.idempotency.IdempotencyKeys;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.NotFoundProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import dev.orderstream.order.ChangeContext;
import dev.orderstream.order.OrderCommand;
import dev.orderstream.order.AttentionRule;
import dev.orderstream.order.OrderFilter;
import dev.orderstream.order.OrderService;
import dev.orderstream.order.OrderStatus;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The order endpoints: each parses the request into a command, says who asks and under which
 * conditions ({@link ChangeContext}), calls one use case of {@link OrderService} and maps its answer
 * (status, Location, ETag). Authorization by role is declared here; what depends on the order itself
 * (a customer's own orders only) is the service's, decided on what it loads anyway.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Orders", description = "Placement, payment, fulfillment, delivery, cancellation, returns and refunds")
public class OrderResource {

    private final OrderService orders;
    private final ObjectMapper json;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderstreamConfig config;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public OrderResource(OrderService orders, IdempotencyKeys idempotencyKeys, OrderstreamConfig config,
                         SecurityIdentity identity, HttpServerRequest http, ObjectMapper json) {
        this.orders = orders;
        this.json = json;
        this.idempotencyKeys = idempotencyKeys;
        this.config = config;
        this.identity = identity;
        this.http = http;
    }

    @POST
    @Operation(operationId = "placeOrder", summary = "Place an order: prices from the catalog, stock held for every line or none")
    @APIResponse(responseCode = "201", description = "Placed; Location and ETag headers set",
            content = @Content(schema = @Schema(implementation = OrderResponse.class),
                    examples = @ExampleObject(name = "order", ref = "Order")),
            headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")})
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong types or invalid fields (each named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid-request", ref = "ProblemInvalidRequest")))
    @APIResponse(responseCode = "409", description = "Short of stock: the problem lists the shortages; nothing is held",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "insufficient-stock", ref = "ProblemShortages")))
    @APIResponse(responseCode = "422", description = "Unknown SKU, mixed currencies, duplicate lines, more lines than "
            + "allowed, or an Idempotency-Key reused with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A customer placing for another customer id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many placements by this customer; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    public Uni<Response> place(
            @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PlaceOrderRequest.class),
                    examples = @ExampleObject(name = "placement", ref = "PlaceOrder")))
            @NotNull @Valid PlaceOrderRequest request) {
        return orders.place(request.toCommand(), context(null, idempotencyKey, "POST /orders", request))
                .map(order -> Response.created(UriBuilder.fromResource(OrderResource.class).path(order.id().toString()).build())
                        .tag(Versions.etag(order.version()))
                        .entity(order)
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOrder", summary = "Read one order with its lines, fulfillments, returns and payments")
    @APIResponse(responseCode = "200", description = "The order; ETag carries its version",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "404", description = "Unknown order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF, Roles.SERVICE})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return orders.get(id, caller())
                .map(OrderResource::withEtag);
    }

    @GET
    @Operation(operationId = "listOrders", summary = "List orders newest first, filtered, with keyset pagination")
    @APIResponse(responseCode = "200", description = "A page of orders; pass nextCursor back as cursor for the next")
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    public Uni<Page<OrderSummaryResponse>> list(@BeanParam OrderFilterParams params,
                                                @QueryParam("limit") String limit,
                                                @QueryParam("cursor") String cursor) {
        Caller caller = caller();
        String customerId = params.customerId;
        if (!caller.staff()) {
            String own = caller.customerId().orElseThrow();
            if (customerId != null && !customerId.equals(own)) {
                throw new NotFoundProblem("Customer", customerId);
            }
            customerId = own;
        }
        OrderFilter filter = filterOf(params, customerId);
        return orders.list(filter, PageRequest.of(limit, cursor, config.pagination()));
    }

    @GET
    @Path("/export")
    @Produces(OrderExport.CSV) // JSON Lines sets its own Content-Type (a Multi answers one declared type)
    @Operation(operationId = "exportOrders", summary = "Every order matching the list's filters, streamed: CSV with a "
            + "row per order line, or JSON Lines with an order per line",
            description = "Streams straight from a database cursor (memory stays flat whatever the size), newest "
                    + "first, with Content-Disposition naming the file. CSV (RFC 4180, CRLF, UTF-8; bom=true adds a "
                    + "byte-order mark for spreadsheets that need one) has these columns: order_id, order_number, "
                    + "created_at, status, payment_status, channel, customer_id, email, ship_name, ship_line1, "
                    + "ship_line2, ship_city, ship_postal_code, ship_country, ship_phone, currency, order_total_minor, "
                    + "order_total, line_sku, line_name, line_quantity, line_unit_price_minor, line_unit_price, "
                    + "line_total_minor, line_total, line_shipped_quantity, line_returned_quantity. Money is in minor "
                    + "units (*_minor) and as a decimal in the currency's digits. A text cell starting with = + - @ "
                    + "(which a spreadsheet would run as a formula) is written with a leading apostrophe.")
    @APIResponse(responseCode = "200", description = "The orders, as a file",
            content = {@Content(mediaType = OrderExport.CSV, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = OrderExport.JSONL, schema = @Schema(implementation = ExportedOrder.class))},
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=orders-<when>.csv (or .jsonl)",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid format or filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.STAFF)
    public RestMulti<Buffer> export(@Parameter(description = "csv (the default) or jsonl")
                                    @QueryParam("format") @DefaultValue("csv") String format,
                                    @Parameter(description = "true: start the CSV with a UTF-8 byte-order mark")
                                    @QueryParam("bom") @DefaultValue("false") boolean bom,
                                    @BeanParam OrderFilterParams params) {
        boolean csv = switch (format) {
            case "csv" -> true;
            case "jsonl" -> false;
            default -> throw new BadRequestProblem("Invalid format", "format must be csv or jsonl", "format");
        };
        OrderFilter filter = filterOf(params, params.customerId);
        Multi<ExportedOrder> exported = orders.export(filter);
        String file = "orders-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + (csv ? ".csv" : ".jsonl");
        return RestMulti.fromMultiData(csv ? OrderExport.csv(exported, bom) : OrderExport.jsonl(exported, json))
                .header(HttpHeaders.CONTENT_TYPE, csv ? OrderExport.CSV + "; charset=utf-8" : OrderExport.JSONL)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static OrderFilter filterOf(OrderFilterParams params, String customerId) {
        return new OrderFilter(customerId, statusOf(params.status), params.channel,
                instantOf("createdFrom", params.createdFrom), instantOf("createdTo", params.createdTo),
                attentionOf(params.attention), ruleOf(params.rule),
                params.tag == null ? null : params.tag.strip().toLowerCase(java.util.Locale.ROOT),
                params.externalOrderId);
    }

    @POST
    @Path("/{id}/payments")
    @Operation(operationId = "recordPayment", summary = "Record a payment result: authorization (confirms the order), capture or void")
    @APIResponse(responseCode = "200", description = "The order after the payment; a repeated provider reference changes nothing",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed({Roles.STAFF, Roles.SERVICE})
    public Uni<Response> pay(@PathParam("id") UUID id, @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                             @NotNull @Valid PaymentRequest request) {
        return orders.recordPayment(id, request.toCommand(),
                        context(ifMatch, idempotencyKey, "POST /orders/" + id + "/payments", request))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/fulfillments")
    @Operation(operationId = "createFulfillment", summary = "Ship some or all unshipped units with a carrier and tracking number")
    @APIResponse(responseCode = "200", description = "The order after the shipment; the same carrier and tracking number again changes nothing",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed({Roles.STAFF, Roles.SERVICE})
    public Uni<Response> fulfill(@PathParam("id") UUID id, @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                 @NotNull @Valid FulfillmentRequest request) {
        return orders.fulfill(id, request.toCommand(),
                        context(ifMatch, idempotencyKey, "POST /orders/" + id + "/fulfillments", request))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/fulfillments/{fulfillmentId}/delivery")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "recordDelivery", summary = "Confirm that one shipment was delivered")
    @APIResponse(responseCode = "200", description = "The order; a repeated confirmation changes nothing",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed({Roles.STAFF, Roles.SERVICE})
    public Uni<Response> deliver(@PathParam("id") UUID id, @PathParam("fulfillmentId") UUID fulfillmentId,
                                 @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return orders.deliver(id, new OrderCommand.Deliver(fulfillmentId), context(ifMatch, idempotencyKey,
                        "POST /orders/" + id + "/fulfillments/" + fulfillmentId + "/delivery", ""))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(operationId = "cancelOrder", summary = "Cancel before anything shipped: releases held stock, voids or refunds payment")
    @APIResponse(responseCode = "200", description = "The cancelled order; cancelling again changes nothing",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    public Uni<Response> cancel(@PathParam("id") UUID id, @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                @NotNull @Valid CancellationRequest request) {
        return orders.cancel(id, request.toCommand(),
                        context(ifMatch, idempotencyKey, "POST /orders/" + id + "/cancellation", request))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/public-notes")
    @Operation(operationId = "addPublicNote", summary = "A note for the customer: shown on the tracking page and sent on its stream "
            + "(order.public_note_added)")
    @APIResponse(responseCode = "200", description = "The order (its log has the note)",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> addPublicNote(@PathParam("id") UUID id, @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                       @NotNull @Valid PublicNoteRequest request) {
        return orders.addPublicNote(id, request.message().strip(),
                        context(ifMatch, idempotencyKey, "POST /orders/" + id + "/public-notes", request))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/tags")
    @Operation(operationId = "tagOrder", summary = "Add tags (staff's labels, stored lower case; order.tags_changed); "
            + "tags the order has already change nothing")
    @APIResponse(responseCode = "200", description = "The order with its tags",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> tag(@PathParam("id") UUID id, @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                             @NotNull @Valid TagsRequest request) {
        return orders.tag(id, request.tags(), context(ifMatch, idempotencyKey, "POST /orders/" + id + "/tags", request))
                .map(OrderResource::withEtag);
    }

    @DELETE
    @Path("/{id}/tags/{tag}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "untagOrder", summary = "Take a tag off (order.tags_changed); a tag the order lacks changes nothing")
    @APIResponse(responseCode = "200", description = "The order with its tags",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> untag(@PathParam("id") UUID id,
                               @PathParam("tag") @Pattern(regexp = TagsRequest.TAG, message = TagsRequest.TAG_MESSAGE) String tag,
                               @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return orders.untag(id, List.of(tag), context(ifMatch, idempotencyKey, "DELETE /orders/" + id + "/tags/" + tag, ""))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/returns")
    @Operation(operationId = "requestReturn", summary = "Request a return of shipped units")
    @APIResponse(responseCode = "200", description = "The order with the new return",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    public Uni<Response> requestReturn(@PathParam("id") UUID id, @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                       @NotNull @Valid ReturnRequest request) {
        return orders.requestReturn(id, request.toCommand(),
                        context(ifMatch, idempotencyKey, "POST /orders/" + id + "/returns", request))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/returns/{returnId}/receipt")
    @Operation(operationId = "receiveReturn", summary = "Receive returned units, optionally putting them back on sale")
    @APIResponse(responseCode = "200", description = "The order; receiving again changes nothing",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed({Roles.STAFF, Roles.SERVICE})
    public Uni<Response> receiveReturn(@PathParam("id") UUID id, @PathParam("returnId") UUID returnId,
                                       @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                       @NotNull @Valid ReceiptRequest request) {
        return orders.receiveReturn(id, request.toCommand(returnId), context(ifMatch, idempotencyKey,
                        "POST /orders/" + id + "/returns/" + returnId + "/receipt", request))
                .map(OrderResource::withEtag);
    }

    @POST
    @Path("/{id}/refunds")
    @Operation(operationId = "refundPayment", summary = "Refund part or all of what was captured, ad hoc or for a return")
    @APIResponse(responseCode = "200", description = "The order after the refund",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)),
            headers = @Header(name = "ETag", ref = "ETag"))
    @ChangeResponses
    @RolesAllowed({Roles.STAFF, Roles.SERVICE})
    public Uni<Response> refund(@PathParam("id") UUID id, @Parameter(ref = "IfMatch") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                @NotNull @Valid RefundRequest request) {
        return orders.refund(id, request.toCommand(),
                        context(ifMatch, idempotencyKey, "POST /orders/" + id + "/refunds", request))
                .map(OrderResource::withEtag);
    }

    private Caller caller() {
        return Caller.of(identity, http);
    }

    /**
     * Who asks, the version it expects and its Idempotency-Key, kept in the caller's own scope for this
     * operation (the method and path) and fingerprinted with the body: the same key with another body
     * is refused, from another caller or for another operation it is another request.
     */
    private ChangeContext context(String ifMatch, String idempotencyKey, String operation, Object body) {
        Caller caller = caller();
        return new ChangeContext(caller, Versions.fromIfMatch(ifMatch), idempotencyKeys.of(idempotencyKey, caller, operation, body));
    }

    private static Response withEtag(OrderResponse order) {
        return Response.ok(order).tag(Versions.etag(order.version())).build();
    }

    private static OrderStatus statusOf(String status) {
        if (status == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new BadRequestProblem("Invalid filter", "status must be one of "
                    + java.util.Arrays.toString(OrderStatus.values()), "status");
        }
    }

    private static Boolean attentionOf(String attention) {
        if (attention == null) {
            return null;
        }
        if (!attention.equals("true") && !attention.equals("false")) {
            throw new BadRequestProblem("Invalid filter", "attention must be true or false", "attention");
        }
        return Boolean.valueOf(attention);
    }

    private static AttentionRule ruleOf(String rule) {
        if (rule == null) {
            return null;
        }
        return AttentionRule.ofKey(rule).orElseThrow(() -> new BadRequestProblem("Invalid filter", "rule must be one of "
                + java.util.Arrays.stream(AttentionRule.values()).map(AttentionRule::key).toList(), "rule"));
    }

    private static Instant instantOf(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestProblem("Invalid filter", name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z", name);
        }
    }
}
