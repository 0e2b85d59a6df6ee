package dev.orderstream.order;

import dev.orderstream.catalog.InsufficientStockException;
import dev.orderstream.catalog.Shortage;
import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.catalog.ProductNotFoundException;
import dev.orderstream.catalog.SoldOutHints;
import dev.orderstream.catalog.StockedProduct;
import dev.orderstream.common.Money;
import dev.orderstream.catalog.StockService;
import dev.orderstream.common.Cursor;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.idempotency.IdempotentRequests;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.RateLimiter;
import dev.orderstream.event.AppendsEvents;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.api.OrderMapper;
import dev.orderstream.order.api.ExportedOrder;
import dev.orderstream.order.api.OrderResponse;
import dev.orderstream.order.verification.CustomerDetails;
import dev.orderstream.order.api.OrderSummaryResponse;
import dev.orderstream.order.api.TrackingResponse;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The order use cases and their transaction boundary. A change loads the aggregate (which also
 * settles whether the caller may touch it), calls one verb, applies the stock effects, appends the
 * events to the log and saves, all in one transaction. Use cases take domain commands and a
 * {@link ChangeContext}; they answer with what clients read ({@link OrderResponse}), because an
 * idempotent replay must store that very answer in the same transaction as the change.
 */
@ApplicationScoped
public class OrderService {

    /** Per bean, created at run time: a static one would be seeded once at native-image build time. */
    private final SecureRandom random = new SecureRandom();

    private static final int EXPORT_FETCH = 500;

    private final CustomerDetails details;
    private final OrderRepository orders;
    private final TrackingEventRepository scans;
    private final PlacementBatcher batcher;
    private final StockService stock;
    private final SoldOutHints soldOut;
    private final EventStore events;
    private final IdempotentRequests idempotency;
    private final RateLimiter rateLimiter;
    private final OrderstreamConfig config;
    private final Clock clock;
    private final AttentionPolicy attention;

    public OrderService(OrderRepository orders, TrackingEventRepository scans, PlacementBatcher batcher,
                        StockService stock, SoldOutHints soldOut, EventStore events, IdempotentRequests idempotency, RateLimiter rateLimiter,
                        CustomerDetails details, OrderstreamConfig config, Clock clock) {
        this.orders = orders;
        this.details = details;
        this.scans = scans;
        this.batcher = batcher;
        this.stock = stock;
        this.soldOut = soldOut;
        this.events = events;
        this.idempotency = idempotency;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.clock = clock;
        this.attention = config.alerts().enabled() ? attentionPolicy(config.alerts()) : null;
    }

    /** The alert rules' thresholds, from {@code orderstream.alerts.*}. */
    public static AttentionPolicy attentionPolicy(OrderstreamConfig.Alerts alerts) {
        return new AttentionPolicy(new BusinessHours(alerts.businessHoursZone(), alerts.businessHoursOpen(),
                alerts.businessHoursClose(), alerts.businessDays()),
                java.time.Duration.ofHours(alerts.confirmedNotShippedBusinessHours()), alerts.noCarrierScan(),
                alerts.stalledInTransit(), alerts.estimateGrace());
    }

    // ---------------------------------------------------------------- placement

    /**
     * Places an order in the next group-committed batch ({@link PlacementBatcher}). What needs no
     * database is settled here first: the caller's rate limit, that a customer places for itself, the
     * store's channels and shipping countries, the number of lines, SKUs known to be sold out this
     * instant, and the tracking token. The customer's details are stored in their normalized form.
     */
    public Uni<OrderResponse> place(OrderCommand.Place command, ChangeContext context) {
        Caller caller = context.caller();
        rateLimiter.check(RateLimiter.Kind.PLACEMENT, caller);
        if (!caller.staff() && !caller.customerId().map(command.customer().customerId()::equals).orElse(false)) {
            throw new ForeignCustomerException("A customer places orders for its own customer id only");
        }
        details.requireAccepted(command.customer().channel(), command.shippingAddress().country());
        requireAtMostMaxLines(command.lines());
        List<Shortage> surelyShort = soldOut.knownShortages(command.lines());
        if (!surelyShort.isEmpty()) {
            throw new InsufficientStockException(surelyShort);
        }
        return batcher.place(new PlacementBatcher.Placement(details.normalized(command.customer()),
                details.normalized(command.shippingAddress()), command.lines(), newTrackingToken(), context.idempotencyKey()));
    }

    // ---------------------------------------------------------------- changes to an order

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> recordPayment(UUID id, OrderCommand.RecordPayment payment, ChangeContext context) {
        return change(id, context, order -> switch (payment.kind()) {
            case AUTHORIZATION -> order.authorizePayment(payment.amount(), payment.provider(), payment.reference(),
                    clock.instant());
            case CAPTURE -> order.capturePayment(payment.amount(), payment.provider(), payment.reference(),
                    clock.instant());
            case VOID -> order.voidPayment(payment.amount(), payment.provider(), payment.reference(), clock.instant());
            case REFUND -> throw new IllegalArgumentException("refunds are their own use case: refund()");
        });
    }

    /**
     * Captures what remains authorized ({@link Order#captureRemaining}), the amount read in the
     * transaction that records it: a bulk capture's verb, with no read of the order before it.
     */
    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> captureRemaining(UUID id, String provider, String reference, ChangeContext context) {
        return change(id, context, order -> order.captureRemaining(provider, reference, clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> fulfill(UUID id, OrderCommand.Fulfill shipment, ChangeContext context) {
        requireAtMostMaxLines(shipment.lines());
        return change(id, context, order -> order.fulfill(shipment.lines(), shipment.carrier(),
                shipment.trackingNumber(), shipment.trackingUrl(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> deliver(UUID id, OrderCommand.Deliver delivery, ChangeContext context) {
        return change(id, context, order -> order.deliver(delivery.fulfillmentId(), clock.instant()));
    }

    /**
     * Records a carrier's scan of one shipment ({@link Order#recordScan}) and stores it, in one
     * transaction. {@link TrackingEventService} makes this idempotent on the scan's source and id.
     */
    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> recordScan(UUID id, TrackingScan scan, ChangeContext context) {
        return change(id, context, order -> order.recordScan(scan, clock.instant()))
                .call(() -> scans.insert(id, scan));
    }

    /** A note for the customer, shown on the tracking page and sent on its stream ({@link Order#addPublicNote}). */
    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> addPublicNote(UUID id, String message, ChangeContext context) {
        return change(id, context, order -> order.addPublicNote(message, clock.instant()));
    }

    /**
     * The customer's feedback, given with the order's tracking token (counted toward the tracking rate
     * limit): once, after delivery ({@link Order#leaveFeedback}). Two at once: the second finds the
     * order changed and is refused like a repeat.
     */
    @WithTransaction
    @AppendsEvents
    public Uni<Void> leaveFeedback(String token, int rating, String comment, Caller caller) {
        return trackedOrder(token, caller)
                .chain(this::load)
                .chain(order -> apply(order.leaveFeedback(rating, comment, clock.instant())))
                .replaceWithVoid();
    }

    /** Adds staff's tags ({@link Order#tag}); allowed in every status. */
    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> tag(UUID id, List<String> tags, ChangeContext context) {
        return change(id, context, order -> order.tag(tags, clock.instant()));
    }

    /** Takes tags off ({@link Order#untag}). */
    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> untag(UUID id, List<String> tags, ChangeContext context) {
        return change(id, context, order -> order.untag(tags, clock.instant()));
    }

    // ---------------------------------------------------------------- import from other sales channels

    /** What an import did: the order, and whether this import created it (false: it was imported before). */
    public record Imported(UUID orderId, long number, boolean created) {
    }

    /**
     * Imports an order placed in another sales channel, in one transaction: the store's rules for a
     * placement (channel, shipping country, lines, customer details normalized), the catalog's names
     * and (unless the channel's are given) prices, its stock held, taken or left alone as its policy
     * says (refused with the shortages when the stock is short, as a placement is), then the verbs
     * that bring it to its status there, each writing its events ({@code imported: true}). An order
     * whose {@code (channel, externalOrderId)} was imported before is answered as it is: importing
     * the same file again creates nothing twice.
     */
    @WithTransaction
    @AppendsEvents
    public Uni<Imported> importOrder(OrderCommand.Import command) {
        details.requireAccepted(command.customer().channel(), command.shippingAddress().country());
        requireAtMostMaxLines(command.lines().stream().map(line -> new SkuQuantity(line.sku(), line.quantity())).toList());
        return orders.findImported(command.customer().channel(), command.externalOrderId())
                .chain(existing -> existing.isPresent() ? Uni.createFrom().item(existing.get())
                        : stock.lockForImport(command.lines().stream().map(OrderCommand.ImportedLine::sku).toList())
                        .chain(products -> orders.nextNumber().chain(number -> {
                            OrderChange change = imported(command, products, number);
                            return orders.persist(change.order()).chain(() -> apply(change))
                                    .map(order -> new Imported(order.id(), order.number(), true));
                        })));
    }

    private OrderChange imported(OrderCommand.Import command, Map<String, StockedProduct> products, long number) {
        Instant now = clock.instant();
        List<PricedLine> priced = new ArrayList<>();
        List<Shortage> shortages = new ArrayList<>();
        List<String> soldOut = new ArrayList<>();
        for (OrderCommand.ImportedLine line : command.lines()) {
            StockedProduct product = products.get(line.sku());
            if (product == null) {
                throw new ProductNotFoundException(line.sku());
            }
            Money price = line.unitPriceAmount() == null ? product.price()
                    : new Money(line.unitPriceAmount(), product.price().currency());
            priced.add(new PricedLine(line.sku(), product.name(), price, line.quantity()));
            if (command.stockMode() != StockMode.UNTRACKED && product.available() < line.quantity()) {
                shortages.add(new Shortage(line.sku(), line.quantity(), Math.max(0, product.available())));
            } else if (command.stockMode() != StockMode.UNTRACKED && product.available() == line.quantity()) {
                soldOut.add(line.sku()); // the rows are locked: the import takes the last units
            }
        }
        if (!shortages.isEmpty()) {
            throw new InsufficientStockException(shortages);
        }
        OrderChange change = Order.soldOut(Order.importFrom(new Order.Import(command.externalOrderId(), command.placedAt(),
                        command.stockMode()), number, details.normalized(command.customer()),
                details.normalized(command.shippingAddress()), priced, now, config.reservation().ttl(),
                newTrackingToken()), soldOut.stream().sorted().toList());
        Order order = change.order();
        OrderCommand.RecordPayment payment = command.payment();
        if (payment != null) {
            change = Order.both(change, order.authorizePayment(order.total(), payment.provider(), payment.reference(), now));
            if (payment.kind() == PaymentKind.CAPTURE) {
                change = Order.both(change, order.capturePayment(payment.amount() == null ? order.total()
                        : payment.amount(), payment.provider(), payment.reference(), now));
            }
        }
        for (OrderCommand.Fulfill shipment : command.shipments()) {
            List<SkuQuantity> units = shipment.lines().isEmpty() ? order.unshipped() : shipment.lines();
            change = Order.both(change, order.fulfill(units, shipment.carrier(), shipment.trackingNumber(),
                    shipment.trackingUrl(), now));
        }
        if (order.status() != command.status()) {
            throw new OrderRuleViolation("status-not-reached", "The import does not reach its status",
                    "Order " + command.externalOrderId() + " is " + order.status() + " after its payment and shipments, not "
                            + command.status() + (command.status() == OrderStatus.FULFILLED
                            ? ": its shipments must ship every unit" : ""));
        }
        return change;
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> cancel(UUID id, OrderCommand.Cancel cancellation, ChangeContext context) {
        return change(id, context, order -> order.cancel(cancellation.reason(), cancellation.note(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> requestReturn(UUID id, OrderCommand.RequestReturn request, ChangeContext context) {
        requireAtMostMaxLines(request.lines());
        return change(id, context, order -> order.requestReturn(request.lines(), request.reason(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> receiveReturn(UUID id, OrderCommand.ReceiveReturn receipt, ChangeContext context) {
        return change(id, context, order -> order.receiveReturn(receipt.returnId(), receipt.restock(), clock.instant()));
    }

    @WithTransaction
    @AppendsEvents
    public Uni<OrderResponse> refund(UUID id, OrderCommand.Refund refund, ChangeContext context) {
        return change(id, context, order -> order.refund(refund.amount(), refund.reason(), refund.returnId(),
                clock.instant()));
    }

    /**
     * Expires the unpaid orders whose hold ran out before {@code now}, up to one batch, in one
     * transaction. Returns how many it expired. The orders (their rows locked by {@link
     * OrderRepository#lockExpired}) are loaded together, expired, written, and their events appended
     * in one insert; the units they held go back in one pass at the end ({@link
     * StockService#releaseTogether}), so that the batch holds its product rows for milliseconds, not
     * for its whole run, and takes them in SKU order as a placement batch does.
     * Released order by order they were taken out of order (a bench run: 36 deadlocks with placements
     * while 11,151 orders expired); locked up front, placements wanting any of them waited for the
     * whole batch (a bench run: placements stalled for 15 s while 3,600 orders expired).
     */
    @WithTransaction
    @AppendsEvents
    public Uni<Integer> expireOverdue(Instant now) {
        return orders.lockExpired(now, config.reservation().sweepBatchSize())
                .chain(orders::findAggregates)
                .map(batch -> batch.stream().map(order -> order.expire(now)).toList())
                .call(() -> orders.flush())
                .call(changes -> events.append(changes.stream().flatMap(change -> change.events().stream()).toList()))
                .call(changes -> stock.releaseTogether(released(changes)))
                .map(List::size);
    }

    /** The units a sweep batch's expiries give back; expiry asks nothing else of the stock. */
    private static List<SkuQuantity> released(List<OrderChange> changes) {
        List<SkuQuantity> units = new ArrayList<>();
        for (OrderChange change : changes) {
            for (StockEffect effect : change.stock()) {
                if (effect.kind() != StockEffect.Kind.RELEASE) {
                    throw new IllegalStateException("an expiry asked the stock for " + effect.kind());
                }
                units.addAll(effect.lines());
            }
        }
        return units;
    }

    /**
     * Expires one order whose hold ran out, in a transaction of its own: what the sweeper falls back
     * to when a batch failed, so that one order that cannot expire holds up no other. False when the
     * order needs no expiring (any more) or another sweeper has it.
     */
    @WithTransaction
    @AppendsEvents
    public Uni<Boolean> expireOne(UUID id, Instant now) {
        return orders.lockIfExpired(id, now)
                .chain(locked -> !locked ? Uni.createFrom().item(false)
                        : load(id).map(order -> order.expire(now)).chain(this::apply).replaceWith(true));
    }

    /** Unpaid orders whose hold ran out, at most one sweep batch of them. */
    public Uni<List<UUID>> overdue(Instant now) {
        return orders.findExpired(now, config.reservation().sweepBatchSize());
    }

    // ---------------------------------------------------------------- reads

    /** An order as clients read it; another customer's order is answered as unknown. */
    public Uni<OrderResponse> get(UUID id, Caller caller) {
        return orders.findResponse(id)
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(id))
                .invoke(order -> requireAccess(caller, order.customerId(), id));
    }

    /** Every order matching the filter, newest first, streamed from a database cursor (500 rows a fetch). */
    public Multi<ExportedOrder> export(OrderFilter filter) {
        return orders.export(filter, EXPORT_FETCH);
    }

    /** What analytics counts of these orders (those that exist). */
    public Uni<Map<UUID, SalesFacts>> salesFactsOf(java.util.Collection<UUID> ids) {
        return orders.salesFactsOf(ids);
    }

    /** The ids of the orders matching the filter, oldest first, at most {@code max} (a bulk job's set). */
    public Uni<List<UUID>> idsMatching(OrderFilter filter, int max) {
        return orders.idsMatching(filter, max);
    }

    /** One page of orders matching the filter, newest first. */
    public Uni<Page<OrderSummaryResponse>> list(OrderFilter filter, PageRequest page) {
        Long before = page.cursor() == null ? null : Cursor.decodeLong(page.cursor());
        return orders.search(filter, before, page.rowsToRead())
                .map(rows -> Page.of(rows, page.limit(), order -> Long.toString(order.number())));
    }

    /**
     * Every event of one order, in sequence order, in one query: every order has at least its
     * {@code order.placed} event, whose customer says who may read them.
     */
    public Uni<List<OrderEvent>> history(UUID id, Caller caller) {
        return events.historyOf(id)
                .invoke(history -> {
                    if (history.isEmpty()) {
                        throw new OrderNotFoundException(id);
                    }
                    requireAccess(caller, history.get(0).customerId(), id);
                });
    }

    /** Who an order belongs to, for a caller that may follow it: unknown, or another's, is not found. */
    public Uni<Void> requireFollowable(UUID id, Caller caller) {
        return orders.ownerOf(id)
                .invoke(owner -> {
                    if (owner.isEmpty() || !caller.mayFollow(owner.get())) {
                        throw new OrderNotFoundException(id);
                    }
                })
                .replaceWithVoid();
    }

    // ---------------------------------------------------------------- public tracking

    /**
     * An order as its tracking token shows it, in one query. Every lookup, right or wrong, first counts
     * toward the caller's tracking rate limit, so tokens cannot be brute-forced.
     */
    public Uni<TrackingResponse> track(String token, Caller caller) {
        rateLimiter.check(RateLimiter.Kind.TRACKING, caller);
        return orders.findTracking(token)
                .onItem().ifNull().failWith(TrackingTokenNotFoundException::new);
    }

    /** The order behind a tracking token, counted toward the same rate limit as {@link #track}. */
    public Uni<UUID> trackedOrder(String token, Caller caller) {
        rateLimiter.check(RateLimiter.Kind.TRACKING, caller);
        return orders.idOfTrackingToken(token)
                .map(order -> order.orElseThrow(TrackingTokenNotFoundException::new));
    }

    // ---------------------------------------------------------------- the steps every change shares

    /**
     * Loads the order (one round trip that also answers whether the caller may touch it: another
     * customer's order is unknown to it, and this is settled before any idempotent replay), then does
     * the work once per Idempotency-Key: check the expected version, call the verb, apply it.
     */
    private Uni<OrderResponse> change(UUID id, ChangeContext context, Function<Order, OrderChange> verb) {
        return load(id)
                .invoke(order -> requireAccess(context.caller(), order.customerId(), id))
                .chain(order -> idempotency.once(context.idempotencyKey(), OrderResponse.class, () -> {
                    order.requireVersion(context.expectedVersion());
                    return apply(reviewed(verb.apply(order))).map(OrderMapper::toResponse);
                }));
    }

    /**
     * A change, and what it does to the order's alerts in the same transaction: an order that moved
     * on clears the rules that no longer hold (and a carrier's exception flags it at once).
     */
    private OrderChange reviewed(OrderChange change) {
        if (attention == null || change.isNoOp()) {
            return change;
        }
        return Order.both(change, change.order().reviewAttention(attention, clock.instant()));
    }

    /**
     * Flags and clears, in one transaction, up to one batch of orders some alert rule may now hold
     * for (read with {@code FOR UPDATE SKIP LOCKED}: several sweepers share the work, each order
     * once; their aggregates loaded together, as an expiry batch's); answers how many it flagged or
     * cleared.
     */
    @WithTransaction
    @AppendsEvents
    public Uni<Integer> reviewAttention(Instant now) {
        if (attention == null) {
            return Uni.createFrom().item(0);
        }
        return orders.lockAttentionCandidates(attention, now, config.alerts().sweepBatchSize())
                .chain(orders::findAggregates)
                .chain(batch -> Multi.createFrom().iterable(batch)
                        .onItem().transformToUniAndConcatenate(order -> Uni.createFrom()
                                .item(() -> order.reviewAttention(attention, now))
                                .call(this::apply))
                        .filter(change -> !change.isNoOp())
                        .collect().asList())
                .map(List::size);
    }

    private Uni<Order> load(UUID id) {
        return orders.findAggregate(id)
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(id));
    }

    /**
     * Saves the order, carries out the verb's stock effects and appends its events: one transaction.
     * The order is written first, so its row is locked before any product row, in the order the
     * expiry sweeper locks them too (orders, then products in SKU order): a change racing the
     * sweeper waits for it, or finds the order changed (409), and never deadlocks with it.
     */
    private Uni<Order> apply(OrderChange change) {
        if (change.isNoOp()) {
            return Uni.createFrom().item(change.order());
        }
        return orders.flush()
                .chain(() -> Multi.createFrom().iterable(change.stock())
                        .onItem().transformToUniAndConcatenate(this::applyStock)
                        .collect().last())
                .chain(() -> events.append(change.events()))
                .replaceWith(change.order());
    }

    private Uni<Void> applyStock(StockEffect effect) {
        return switch (effect.kind()) {
            // a placement's holds are taken by PlacementBatcher, for a whole batch; these are an import's
            case HOLD -> stock.hold(effect.lines());
            case TAKE -> stock.take(effect.lines());
            case RELEASE -> stock.release(effect.lines());
            case SHIP -> stock.ship(effect.lines());
            case RESTOCK -> stock.restock(effect.lines());
        };
    }

    private static void requireAccess(Caller caller, String owner, UUID id) {
        if (!caller.mayAccess(owner)) {
            throw new OrderNotFoundException(id);
        }
    }

    private void requireAtMostMaxLines(List<SkuQuantity> lines) {
        int max = config.orders().maxLines();
        if (lines.size() > max) {
            throw new OrderRuleViolation("too-many-lines", "Too many lines",
                    "At most " + max + " lines are accepted, this request has " + lines.size());
        }
    }

    /** 128 random bits, URL-safe: unguessable and unrelated to the order id. */
    String newTrackingToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
