package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.catalog.StockService;
import dev.orderstream.common.Cursor;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.idempotency.IdempotentRequests;
import dev.orderstream.event.AppendsEvents;
import dev.orderstream.event.EventLog;
import dev.orderstream.event.LoggedEvent;
import dev.orderstream.order.api.AddressRequest;
import dev.orderstream.order.api.CancellationRequest;
import dev.orderstream.order.api.FulfillmentRequest;
import dev.orderstream.order.api.LineRequest;
import dev.orderstream.order.api.OrderMapper;
import dev.orderstream.order.api.OrderPage;
import dev.orderstream.order.api.OrderResponse;
import dev.orderstream.order.api.OrderSummaryResponse;
import dev.orderstream.order.api.PaymentRequest;
import dev.orderstream.order.api.PlaceOrderRequest;
import dev.orderstream.order.api.ReceiptRequest;
import dev.orderstream.order.api.RefundRequest;
import dev.orderstream.order.api.ReturnRequest;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The order use cases and their transaction boundary. Each write loads the aggregate, calls one verb,
 * applies the stock effects, appends the events to the log and saves, all in one transaction.
 */
@ApplicationScoped
public class OrderService {

    /** Per bean, created at run time: a static one would be seeded once at native-image build time. */
    private final SecureRandom random = new SecureRandom();

    private final OrderRepository orders;
    private final PlacementBatcher batcher;
    private final StockService stock;
    private final EventLog eventLog;
    private final IdempotentRequests idempotency;
    private final OrderstreamConfig config;
    private final Clock clock;

    public OrderService(OrderRepository orders, PlacementBatcher batcher, StockService stock, EventLog eventLog,
                        IdempotentRequests idempotency, OrderstreamConfig config, Clock clock) {
        this.orders = orders;
        this.batcher = batcher;
        this.stock = stock;
        this.eventLog = eventLog;
        this.idempotency = idempotency;
        this.config = config;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- placement

    /**
     * Places an order in the next group-committed batch ({@link PlacementBatcher}); what needs no
     * database (the key's form, its fingerprint, the tracking token) is settled here first.
     */
    public Uni<OrderResponse> place(PlaceOrderRequest request, String idempotencyKey) {
        String fingerprint = null;
        if (idempotencyKey != null) {
            IdempotentRequests.requireWellFormed(idempotencyKey);
            fingerprint = idempotency.fingerprint("POST /orders", request);
        }
        return batcher.place(new PlacementBatcher.Placement(customerOf(request), addressOf(request.shippingAddress()),
                units(request.lines()), newTrackingToken(), idempotencyKey, fingerprint));
    }

    // ---------------------------------------------------------------- changes to an order

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> recordPayment(UUID id, PaymentRequest request, Long ifMatch, String idempotencyKey) {
        return change(id, ifMatch, idempotencyKey, "POST /orders/" + id + "/payments", request, order -> {
            var amount = request.amount().toMoney();
            return switch (request.kind()) {
                case AUTHORIZATION -> order.authorizePayment(amount, request.provider(), request.reference(), clock.instant());
                case CAPTURE -> order.capturePayment(amount, request.provider(), request.reference(), clock.instant());
                case VOID -> order.voidPayment(amount, request.provider(), request.reference(), clock.instant());
            };
        });
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> fulfill(UUID id, FulfillmentRequest request, Long ifMatch, String idempotencyKey) {
        return change(id, ifMatch, idempotencyKey, "POST /orders/" + id + "/fulfillments", request,
                order -> order.fulfill(units(request.lines()), request.carrier(), request.trackingNumber(),
                        request.trackingUrl(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> deliver(UUID id, UUID fulfillmentId, Long ifMatch, String idempotencyKey) {
        return change(id, ifMatch, idempotencyKey, "POST /orders/" + id + "/fulfillments/" + fulfillmentId + "/delivery",
                "", order -> order.deliver(fulfillmentId, clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> cancel(UUID id, CancellationRequest request, Long ifMatch, String idempotencyKey) {
        return change(id, ifMatch, idempotencyKey, "POST /orders/" + id + "/cancellation", request,
                order -> order.cancel(request.reason(), request.note(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> requestReturn(UUID id, ReturnRequest request, Long ifMatch, String idempotencyKey) {
        return change(id, ifMatch, idempotencyKey, "POST /orders/" + id + "/returns", request,
                order -> order.requestReturn(units(request.lines()), request.reason(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> receiveReturn(UUID id, UUID returnId, ReceiptRequest request, Long ifMatch,
                                            String idempotencyKey) {
        return change(id, ifMatch, idempotencyKey, "POST /orders/" + id + "/returns/" + returnId + "/receipt", request,
                order -> order.receiveReturn(returnId, request.restock(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> refund(UUID id, RefundRequest request, Long ifMatch, String idempotencyKey) {
        return change(id, ifMatch, idempotencyKey, "POST /orders/" + id + "/refunds", request,
                order -> order.refund(request.amount().toMoney(), request.reason(), request.returnId(), clock.instant()));
    }

    /**
     * Expires the unpaid orders whose hold ran out before {@code now}, up to one batch, in one
     * transaction. Returns how many it expired.
     */
    @WithTransaction
    @AppendsEvents
    public Uni<Integer> expireOverdue(java.time.Instant now) {
        return orders.lockExpired(now, config.reservation().sweepBatchSize())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> orders.findAggregate(id)
                                .map(order -> order.expire(now))
                                .chain(this::apply))
                        .collect().asList())
                .map(List::size);
    }

    // ---------------------------------------------------------------- reads

    public Uni<OrderResponse> get(UUID id) {
        return orders.findResponse(id)
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(id));
    }

    public Uni<OrderPage> list(OrderFilter filter, int limit, String cursor) {
        Long before = cursor == null ? null : Cursor.decodeLong(cursor);
        return orders.search(filter, before, limit + 1)
                .map(page -> {
                    List<OrderSummaryResponse> items = page.stream().limit(limit).toList();
                    String next = page.size() > limit ? Cursor.encode(Long.toString(items.get(items.size() - 1).number())) : null;
                    return new OrderPage(items, next);
                });
    }

    // ---------------------------------------------------------------- the steps every change shares

    private Uni<OrderResponse> change(UUID id, Long ifMatch, String idempotencyKey, String operation, Object request,
                                      Function<Order, OrderChange> verb) {
        return idempotency.once(idempotencyKey, operation, request, OrderResponse.class,
                () -> load(id)
                        .map(order -> {
                            order.requireVersion(ifMatch);
                            return verb.apply(order);
                        })
                        .chain(this::apply)
                        .map(OrderMapper::toResponse));
    }

    private Uni<Order> load(UUID id) {
        return orders.findAggregate(id)
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(id));
    }

    /** Carries out a verb's stock effects, saves the order and appends its events: one transaction. */
    private Uni<Order> apply(OrderChange change) {
        if (change.isNoOp()) {
            return Uni.createFrom().item(change.order());
        }
        return Multi.createFrom().iterable(change.stock())
                .onItem().transformToUniAndConcatenate(this::applyStock)
                .collect().last()
                .chain(() -> orders.flush())
                .chain(() -> eventLog.append(logged(change)))
                .replaceWith(change.order());
    }

    private Uni<Void> applyStock(StockEffect effect) {
        return switch (effect.kind()) {
            case HOLD -> throw new IllegalStateException("holds are taken by PlacementBatcher, not by a lifecycle change");
            case RELEASE -> stock.release(effect.lines());
            case SHIP -> stock.ship(effect.lines());
            case RESTOCK -> stock.restock(effect.lines());
        };
    }

    /** A change's events as the log stores them. */
    static List<LoggedEvent> logged(OrderChange change) {
        Order order = change.order();
        return change.events().stream()
                .map(event -> new LoggedEvent(order.id(), order.customerId(), event.sequence(), event.type(),
                        event.occurredAt(), event.status().name(), event.paymentStatus().name(), event.data()))
                .toList();
    }

    private static List<SkuQuantity> units(List<LineRequest> lines) {
        return lines.stream().map(LineRequest::toSkuQuantity).toList();
    }

    private static Customer customerOf(PlaceOrderRequest request) {
        return new Customer(request.customerId(), request.email(), request.channel());
    }

    private static ShippingAddress addressOf(AddressRequest address) {
        return new ShippingAddress(address.name(), address.line1(), address.line2(), address.city(),
                address.postalCode(), address.country());
    }

    /** 128 random bits, URL-safe: unguessable and unrelated to the order id. */
    private String newTrackingToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
