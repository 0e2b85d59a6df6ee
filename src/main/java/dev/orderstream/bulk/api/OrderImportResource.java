package dev.orderstream.bulk.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.bulk.BulkJobService;
import dev.orderstream.bulk.BulkOperation;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.idempotency.IdempotencyKeys;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports orders from other sales channels (README "Importing orders"): a JSON Lines file, one order
 * per line, checked whole when it comes in (every wrong line named in one 400, nothing queued), then
 * worked as a bulk job ({@code import}) with a result per line.
 */
@Path("/orders/imports")
@Tag(name = "Bulk jobs")
@RolesAllowed(Roles.STAFF)
public class OrderImportResource {

    static final String JSONL = "application/jsonl";
    static final String NDJSON = "application/x-ndjson";
    private static final int MAX_ERRORS = 100;
    private static final Set<String> STOCK_POLICIES = Set.of("hold", "decrement", "ignore");

    private final BulkJobService jobs;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderstreamConfig config;
    private final ObjectMapper json;
    private final Validator validator;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;
    private final Vertx vertx;

    public OrderImportResource(BulkJobService jobs, IdempotencyKeys idempotencyKeys, OrderstreamConfig config,
                               ObjectMapper json, Validator validator, SecurityIdentity identity,
                               HttpServerRequest http, Vertx vertx) {
        this.vertx = vertx;
        this.jobs = jobs;
        this.idempotencyKeys = idempotencyKeys;
        this.config = config;
        this.json = json;
        this.validator = validator;
        this.identity = identity;
        this.http = http;
    }

    @POST
    @Consumes({JSONL, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importOrders", summary = "Import orders from another sales channel: a JSON Lines "
            + "file, one order per line, worked as a bulk job with a result per line",
            description = "Each line is a placement (as placeOrder takes it) with channel and externalOrderId, "
                    + "optionally placedAt, a unit price per line (minor units), and status CONFIRMED with its "
                    + "payment or FULFILLED with its payment and shipments. (channel, externalOrderId) is imported "
                    + "once: the same file again creates nothing (each such line succeeds with a note naming the "
                    + "order). stockPolicy: hold (as a placement: a short line is refused), decrement (historical "
                    + "orders: the units leave the shelf at once, never those held for others) or ignore (the "
                    + "orders never touch stock). Imported orders' events say imported: true and send no emails.")
    @RequestBody(content = {@Content(mediaType = JSONL, schema = @Schema(implementation = ImportLineRequest.class)),
            @Content(mediaType = NDJSON, schema = @Schema(implementation = ImportLineRequest.class))})
    @APIResponse(responseCode = "202", description = "Queued; follow it at Location (GET /bulk-jobs/{id})",
            content = @Content(schema = @Schema(implementation = BulkJobResponse.class)),
            headers = @Header(name = "Location", ref = "Location"))
    @APIResponse(responseCode = "400", description = "An empty file, too many lines, a line that is not an order "
            + "(each named: line N and its field), or an invalid policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> importOrders(
            @Parameter(description = "hold (the default), decrement or ignore") @QueryParam("stockPolicy")
            @DefaultValue("hold") String stockPolicy,
            @Parameter(description = "continue (the default) or stop at the first failing line")
            @QueryParam("errorPolicy") @DefaultValue("continue") String errorPolicy,
            @Parameter(description = "true: answer what each line would get, import nothing")
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String key,
            String file) {
        List<BadRequestProblem.FieldError> errors = new ArrayList<>();
        if (!STOCK_POLICIES.contains(stockPolicy)) {
            errors.add(new BadRequestProblem.FieldError("stockPolicy", "must be hold, decrement or ignore"));
        }
        if (!errorPolicy.equals("continue") && !errorPolicy.equals("stop")) {
            errors.add(new BadRequestProblem.FieldError("errorPolicy", "must be continue or stop"));
        }
        Caller caller = Caller.of(identity, http);
        // Reading up to 10,000 orders is CPU work: on a worker thread, not the event loop; the job is
        // then stored back on this request's context (executeBlocking answers there)
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
                    List<JsonObject> lines = lines(file == null ? "" : file, errors);
                    if (!errors.isEmpty()) {
                        throw new BadRequestProblem("Invalid import", "The import has " + errors.size()
                                + (errors.size() >= MAX_ERRORS ? " or more" : "") + " problem(s); nothing was imported",
                                errors);
                    }
                    return lines;
                }), false)
                .chain(lines -> jobs.createImport(new BulkJobService.Spec(BulkOperation.IMPORT,
                                new JsonObject().put("file", new JsonObject().put("lines", lines.size())),
                                new JsonObject().put("stockPolicy", stockPolicy), errorPolicy.equals("stop"), dryRun),
                        lines, caller, idempotencyKeys.of(key, caller,
                                "POST /orders/imports?" + stockPolicy + "&" + errorPolicy + "&" + dryRun, file)))
                .map(job -> Response.accepted(job).location(URI.create("/bulk-jobs/" + job.id())).build());
    }

    /** The file's orders, each checked as the placement endpoint checks a body; blank lines are skipped. */
    private List<JsonObject> lines(String file, List<BadRequestProblem.FieldError> errors) {
        List<JsonObject> lines = new ArrayList<>();
        String[] texts = file.split("\r?\n", -1);
        int max = config.bulk().maxOrders();
        for (int i = 0; i < texts.length && errors.size() < MAX_ERRORS; i++) {
            String text = texts[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            String at = "line " + (i + 1);
            if (lines.size() == max) {
                errors.add(new BadRequestProblem.FieldError(at, "an import has at most " + max + " orders"));
                break;
            }
            try {
                JsonNode node = json.readTree(text);
                ImportLineRequest line = json.treeToValue(node, ImportLineRequest.class);
                List<ConstraintViolation<ImportLineRequest>> violations = new ArrayList<>(validator.validate(line));
                violations.sort(Comparator.comparing(violation -> violation.getPropertyPath().toString()));
                violations.forEach(violation -> errors.add(new BadRequestProblem.FieldError(
                        at + ": " + violation.getPropertyPath(), violation.getMessage())));
                if (violations.isEmpty()) {
                    line.inconsistencies().forEach(wrong -> errors.add(new BadRequestProblem.FieldError(at, wrong)));
                }
                lines.add(new JsonObject(json.convertValue(node, Map.class)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new BadRequestProblem.FieldError(at, "is not an order as JSON: "
                        + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage())));
            }
        }
        if (lines.isEmpty() && errors.isEmpty()) {
            errors.add(new BadRequestProblem.FieldError("file", "has no orders (one JSON object per line)"));
        }
        return lines;
    }
}
