package dev.orderstream.catalog;

import dev.orderstream.catalog.api.ProductRequest;
import dev.orderstream.catalog.api.ProductResponse;
import dev.orderstream.catalog.api.ProductWrite;
import dev.orderstream.catalog.api.StockAdjustmentRequest;
import dev.orderstream.common.Cursor;
import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.idempotency.IdempotencyKey;
import dev.orderstream.common.idempotency.IdempotentRequests;
import dev.orderstream.common.problem.BadRequestProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** The catalog's use cases: products, prices and staff stock adjustments. */
@ApplicationScoped
public class CatalogService {

    private final ProductRepository products;
    private final StockService stock;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    public CatalogService(ProductRepository products, StockService stock, IdempotentRequests idempotency, Clock clock) {
        this.products = products;
        this.stock = stock;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ProductWrite> put(String sku, ProductRequest request) {
        var price = request.price().toMoney();
        return products.upsert(sku, request.name().strip(), price.amount(), price.currency(), clock.instant())
                .chain(created -> load(sku).map(product -> new ProductWrite(product, created)));
    }

    public Uni<ProductResponse> get(String sku) {
        return products.findResponse(sku)
                .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku));
    }

    @WithSession
    public Uni<Page<ProductResponse>> list(PageRequest page) {
        String after = page.cursor() == null ? null : Cursor.decode(page.cursor());
        return products.pageAfter(after, page.rowsToRead())
                .map(rows -> Page.of(rows.stream().map(ProductResponse::of).toList(), page.limit(), ProductResponse::sku));
    }

    @WithTransaction
    public Uni<ProductResponse> adjustStock(String sku, StockAdjustmentRequest request, IdempotencyKey idempotencyKey) {
        if (request.delta() == 0) {
            throw new BadRequestProblem("Invalid request", "delta must not be zero", "delta");
        }
        return idempotency.once(idempotencyKey, ProductResponse.class,
                () -> stock.adjust(sku, request.delta(), request.reason(), request.note())
                        .chain(() -> load(sku)));
    }

    private Uni<ProductResponse> load(String sku) {
        return products.findById(sku)
                .onItem().ifNull().failWith(() -> new ProductNotFoundException(sku))
                .map(ProductResponse::of);
    }
}
