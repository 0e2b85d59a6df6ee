package dev.orderstream.catalog.api;

import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import dev.orderstream.catalog.CatalogService;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.idempotency.IdempotencyKeys;
import dev.orderstream.common.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog", description = "Products, prices and stock levels")
public class ProductResource {

    static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final CatalogService catalog;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderstreamConfig config;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public ProductResource(CatalogService catalog, IdempotencyKeys idempotencyKeys, OrderstreamConfig config,
                           SecurityIdentity identity, HttpServerRequest http) {
        this.identity = identity;
        this.http = http;
        this.catalog = catalog;
        this.idempotencyKeys = idempotencyKeys;
        this.config = config;
    }

    @PUT
    @Path("/{sku}")
    @Operation(operationId = "putProduct", summary = "Create or update a product's name and price")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ProductResponse.class)))
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = ProductResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid SKU or body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> put(@PathParam("sku") @Pattern(regexp = SKU_PATTERN) String sku,
                             @NotNull @Valid ProductRequest request, UriInfo uri) {
        return catalog.put(sku, request)
                .map(write -> (write.created()
                        ? Response.created(uri.getAbsolutePath())
                        : Response.ok())
                        .entity(write.product())
                        .tag(new EntityTag(Long.toString(write.product().version())))
                        .build());
    }

    @GET
    @Path("/{sku}")
    @Operation(operationId = "getProduct", summary = "Read a product with its stock figures")
    @APIResponse(responseCode = "200", description = "The product",
            content = @Content(schema = @Schema(implementation = ProductResponse.class)))
    @APIResponse(responseCode = "404", description = "Unknown SKU",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Authenticated
    public Uni<ProductResponse> get(@PathParam("sku") String sku) {
        return catalog.get(sku);
    }

    @GET
    @Operation(operationId = "listProducts", summary = "List products in SKU order (keyset pagination)")
    @APIResponse(responseCode = "200", description = "A page of products; pass nextCursor back as cursor for the next")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Authenticated
    public Uni<Page<ProductResponse>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return catalog.list(PageRequest.of(limit, cursor, config.pagination()));
    }

    @POST
    @Path("/{sku}/stock-adjustments")
    @Operation(operationId = "adjustStock", summary = "Change the units on hand (restock, shrinkage, correction); never below what is held")
    @APIResponse(responseCode = "200", description = "The product after the adjustment",
            content = @Content(schema = @Schema(implementation = ProductResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown SKU",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The adjustment would leave fewer units on hand than are held",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.STAFF)
    public Uni<ProductResponse> adjust(@PathParam("sku") String sku,
                                       @Parameter(ref = "IdempotencyKey") @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                       @NotNull @Valid StockAdjustmentRequest request) {
        return catalog.adjustStock(sku, request,
                idempotencyKeys.of(idempotencyKey, Caller.of(identity, http), "POST /products/" + sku + "/stock-adjustments",
                        request));
    }
}
