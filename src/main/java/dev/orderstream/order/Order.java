package dev.orderstream.order;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.common.Money;
import dev.orderstream.common.TimeOrderedIds;
import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The order aggregate and its state machine. Plain synchronous Java: each verb checks the current
 * state (guard clauses first), changes it, and returns the events and stock effects it produced.
 * Repeated or late requests (a second delivery, the same shipment again) return a change with no
 * events instead of failing, so callers can retry safely. Every verb asks the one transition table,
 * {@link OrderStatus}, whether it may act; every money question goes to {@link Payments}. Refusals
 * are domain exceptions ({@link OrderRuleViolation}, {@link IllegalTransitionException}, …): what
 * HTTP makes of them is decided at the edge.
 */
@Entity
@Table(name = "orders")
public class Order {

    /** At most this many tags on one order. */
    public static final int MAX_TAGS = 20;

    /** How far ahead of this clock a carrier's clock may be before its scan counts as one from the future. */
    static final Duration SCAN_CLOCK_SKEW = Duration.ofMinutes(15);

    @Id
    private UUID id;
    private long number;
    @Column(name = "customer_id")
    private String customerId;
    private String email;
    private String channel;
    private String language;
    @Column(name = "recovered_from")
    private UUID recoveredFrom;
    @Column(name = "recovered_by")
    private UUID recoveredBy;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "payment_status")
    private PaymentStatus paymentStatus;
    private String currency;
    @Column(name = "total_amount")
    private long totalAmount;
    @Embedded
    private ShippingAddress shippingAddress;
    @Column(name = "reserved_until")
    private Instant reservedUntil;
    @Column(name = "tracking_token")
    private String trackingToken;
    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_reason")
    private CancellationReason cancellationReason;
    @Column(name = "cancellation_note")
    private String cancellationNote;
    @Column(name = "confirmed_at")
    private Instant confirmedAt;
    /** The alert rules that fired and have not cleared, comma-separated in {@link AttentionRule} order; null: none. */
    private String attention;
    @Column(name = "feedback_rating")
    private Integer feedbackRating;
    @Column(name = "feedback_comment")
    private String feedbackComment;
    @Column(name = "feedback_at")
    private Instant feedbackAt;
    /** Staff's labels (lower case, sorted): {@code GET /orders?tag=} finds the orders with one. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] tags = new String[0];
    /** The order's own id in the sales channel it was imported from; null for an order placed here. */
    @Column(name = "external_order_id")
    private String externalOrderId;
    @Enumerated(EnumType.STRING)
    @Column(name = "stock_mode")
    private StockMode stockMode = StockMode.HELD;
    /** While an import writes the order: its events say {@code imported: true} (nobody is told again). */
    @Transient
    private boolean importing;
    @Column(name = "last_event_sequence")
    private int lastEventSequence;
    @Version
    private long version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("sku")
    List<OrderLine> lines = new ArrayList<>();
    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, id")
    List<Fulfillment> fulfillments = new ArrayList<>();
    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, id")
    List<OrderReturn> returns = new ArrayList<>();
    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("createdAt, id")
    List<Payment> payments = new ArrayList<>();

    protected Order() {
    }

    // ---------------------------------------------------------------- placement

    /** Places an order: prices come from the catalog, every line is held until {@code now + holdFor}. */
    public static OrderChange place(long number, Customer customer, ShippingAddress address, List<PricedLine> lines,
                                    Instant now, Duration holdFor, String trackingToken) {
        return place(number, customer, address, lines, now, holdFor, trackingToken, null, null);
    }

    /**
     * A placement's change whose {@code order.placed} event also says which SKUs' last available
     * units the order took ({@code soldOut}, sorted), as the stock its placement read showed: what
     * the analytics count as SKUs sold out. No SKU, no change.
     */
    public static OrderChange soldOut(OrderChange placed, List<String> skus) {
        if (skus.isEmpty()) {
            return placed;
        }
        List<OrderEvent> events = placed.events().stream()
                .map(event -> EventType.PLACED.wireName().equals(event.type()) ? event.with("soldOut", List.copyOf(skus)) : event)
                .toList();
        return new OrderChange(placed.order(), events, placed.stock());
    }

    /**
     * How an order placed in another sales channel comes in: the channel's own id for it, when it
     * was placed there, and how its units are kept here ({@link StockMode}).
     */
    public record Import(String externalOrderId, Instant placedAt, StockMode stockMode) {
    }

    /**
     * Brings in an order placed in another sales channel, as a placement that happened at
     * {@code imported.placedAt()}: its stock is held, taken or left alone as its {@link StockMode}
     * says, and every event it writes (this one and those of the verbs that bring it to its status
     * in the same change, {@link #authorizePayment}, {@link #fulfill}, …) says {@code imported: true},
     * so that nobody is told again of what happened elsewhere (no customer emails).
     */
    public static OrderChange importFrom(Import imported, long number, Customer customer, ShippingAddress address,
                                         List<PricedLine> lines, Instant now, Duration holdFor, String trackingToken) {
        return place(number, customer, address, lines, now, holdFor, trackingToken, null, imported);
    }

    private static OrderChange place(long number, Customer customer, ShippingAddress address, List<PricedLine> lines,
                                     Instant now, Duration holdFor, String trackingToken, UUID recoveredFrom,
                                     Import imported) {
        if (lines.isEmpty()) {
            throw new OrderRuleViolation("no-lines", "An order needs at least one line");
        }
        requireDistinctSkus(lines.stream().map(PricedLine::sku).toList());
        String currency = lines.get(0).unitPrice().currency();
        List<String> foreign = lines.stream()
                .filter(line -> !line.unitPrice().currency().equals(currency))
                .map(PricedLine::sku)
                .toList();
        if (!foreign.isEmpty()) {
            throw new OrderRuleViolation("currency-mismatch",
                    "An order is in one currency (" + currency + "); these lines are priced in another: " + foreign);
        }

        Order order = new Order();
        order.id = TimeOrderedIds.at(now);
        order.number = number;
        order.customerId = customer.customerId();
        order.email = customer.email();
        order.channel = customer.channel();
        order.language = customer.language();
        order.shippingAddress = address;
        order.currency = currency;
        order.status = OrderStatus.PENDING_PAYMENT;
        order.paymentStatus = PaymentStatus.PENDING;
        order.reservedUntil = now.plus(holdFor);
        order.trackingToken = trackingToken;
        order.recoveredFrom = recoveredFrom;
        order.createdAt = now;
        order.updatedAt = now;
        if (imported != null) {
            order.externalOrderId = imported.externalOrderId();
            order.stockMode = imported.stockMode();
            order.importing = true;
            order.createdAt = imported.placedAt() == null ? now : imported.placedAt();
        }
        Money total = Money.zero(currency);
        List<PricedLine> sorted = lines.stream().sorted((a, b) -> a.sku().compareTo(b.sku())).toList();
        for (PricedLine line : sorted) {
            order.lines.add(new OrderLine(order, line.sku(), line.name(), line.quantity(), line.unitPrice().amount(), now));
            total = total.plus(line.unitPrice().times(line.quantity()));
        }
        order.totalAmount = total.amount();

        Recorder change = order.new Recorder(now);
        List<SkuQuantity> held = sorted.stream().map(line -> new SkuQuantity(line.sku(), line.quantity())).toList();
        change.stock(StockEffect.Kind.HOLD, held);
        change.event(EventType.PLACED, data(
                "number", number,
                "lines", sorted.stream().map(line -> data(
                        "sku", line.sku(), "quantity", line.quantity(), "unitPrice", line.unitPrice())).toList(),
                "total", total,
                "reservedUntil", order.reservedUntil,
                "recoveredFrom", recoveredFrom,
                "externalOrderId", order.externalOrderId,
                "placedAt", imported == null ? null : order.createdAt));
        return change.done();
    }

    // ---------------------------------------------------------------- attention (merchant alerts)

    /**
     * Settles which alert rules hold for this order at {@code now}: each that holds and has not fired
     * fires ({@code order.attention_needed} with the rule and the reason), each that fired and no
     * longer holds clears ({@code order.attention_cleared}). Nothing holds once the order is past
     * shipping (delivered, returned, cancelled) or before it is paid. No events: nothing changed.
     */
    public OrderChange reviewAttention(AttentionPolicy policy, Instant now) {
        java.util.EnumSet<AttentionRule> flagged = attentionRules();
        Recorder change = new Recorder(now);
        java.util.EnumSet<AttentionRule> holding = java.util.EnumSet.noneOf(AttentionRule.class);
        for (AttentionRule rule : AttentionRule.values()) {
            String reason = reasonFor(rule, policy, now);
            if (reason != null) {
                holding.add(rule);
                if (!flagged.contains(rule)) {
                    change.event(EventType.ATTENTION_NEEDED, data("rule", rule.key(), "reason", reason));
                }
            } else if (flagged.contains(rule)) {
                change.event(EventType.ATTENTION_CLEARED, data("rule", rule.key()));
            }
        }
        if (holding.equals(flagged)) {
            return unchanged();
        }
        attention = holding.isEmpty() ? null
                : String.join(",", holding.stream().map(AttentionRule::key).toList());
        return change.done();
    }

    /** Why {@code rule} holds at {@code now}, or null when it does not. */
    private String reasonFor(AttentionRule rule, AttentionPolicy policy, Instant now) {
        if (rule == AttentionRule.CONFIRMED_NOT_SHIPPED) {
            return status == OrderStatus.CONFIRMED && confirmedAt != null && !confirmedAt.isAfter(policy.confirmedBy(now))
                    ? "Confirmed at " + confirmedAt + "; nothing shipped after " + policy.confirmedNotShipped().toHours()
                    + " business hours" : null;
        }
        if (status != OrderStatus.PARTIALLY_FULFILLED && status != OrderStatus.FULFILLED) {
            return null;
        }
        for (Fulfillment shipment : fulfillments) {
            if (shipment.isDelivered()) {
                continue;
            }
            String which = "Shipment " + shipment.trackingNumber() + " (" + shipment.carrier() + ")";
            String reason = switch (rule) {
                case NO_CARRIER_SCAN -> shipment.lastScanAt() == null && !shipment.createdAt().isAfter(policy.shippedBy(now))
                        ? which + " has no carrier scan since it shipped at " + shipment.createdAt() : null;
                case STALLED_IN_TRANSIT -> shipment.lastScanAt() != null
                        && !shipment.lastScanAt().isAfter(policy.lastScannedBy(now))
                        ? which + " has had no scan since " + shipment.lastScanAt() : null;
                case ESTIMATED_DELIVERY_MISSED -> shipment.estimatedDeliveryAt() != null
                        && !shipment.estimatedDeliveryAt().isAfter(policy.estimatedBy(now))
                        ? which + " was estimated to arrive by " + shipment.estimatedDeliveryAt() : null;
                case DELIVERY_EXCEPTION -> shipment.shipmentStatus() == ShipmentStatus.EXCEPTION
                        ? which + ": the carrier reported an exception" : null;
                default -> null;
            };
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    /** The alert rules this order is flagged by now. */
    public java.util.EnumSet<AttentionRule> attentionRules() {
        java.util.EnumSet<AttentionRule> rules = java.util.EnumSet.noneOf(AttentionRule.class);
        if (attention != null) {
            for (String key : attention.split(",")) {
                AttentionRule.ofKey(key).ifPresent(rules::add);
            }
        }
        return rules;
    }

    /** Two changes of one order, one after the other, as one. */
    static OrderChange both(OrderChange first, OrderChange then) {
        if (then.isNoOp()) {
            return first;
        }
        List<OrderEvent> events = new ArrayList<>(first.events());
        events.addAll(then.events());
        List<StockEffect> stock = new ArrayList<>(first.stock());
        stock.addAll(then.stock());
        return new OrderChange(first.order(), List.copyOf(events), List.copyOf(stock));
    }

    // ---------------------------------------------------------------- abandoned checkout recovery

    /**
     * Places a new order for this expired one's customer, address and lines, at the catalog's prices
     * of {@code lines}, holding its stock again: the recovery of an abandoned checkout. The new order
     * knows where it came from ({@code recoveredFrom}); {@link #markRecovered} records it here.
     */
    public OrderChange placeRecovery(long number, List<PricedLine> lines, Instant now, Duration holdFor,
                                     String trackingToken) {
        requireRecoverable();
        return place(number, new Customer(customerId, email, channel, language), shippingAddress, lines, now, holdFor,
                trackingToken, id, null);
    }

    /** Records that {@code recovery} recovered this expired order ({@code order.recovered}); once. */
    public OrderChange markRecovered(Order recovery, Instant now) {
        if (recovery.id.equals(recoveredBy)) {
            return unchanged();
        }
        requireRecoverable();
        recoveredBy = recovery.id;
        Recorder change = new Recorder(now);
        change.event(EventType.RECOVERED, data("recoveredBy", recovery.id, "number", recovery.number));
        return change.done();
    }

    private void requireRecoverable() {
        if (status != OrderStatus.EXPIRED) {
            throw new IllegalTransitionException(status, "recover an abandoned checkout");
        }
        if (recoveredBy != null) {
            throw new OrderRuleViolation("already-recovered", "This checkout was recovered already",
                    "Order " + recoveredBy + " was placed to recover it");
        }
    }

    // ---------------------------------------------------------------- payment

    /** Authorization for exactly the total confirms the order; the hold no longer expires. */
    public OrderChange authorizePayment(Money amount, String provider, String reference, Instant now) {
        if (isRepeat(PaymentKind.AUTHORIZATION, amount, provider, reference)) {
            return unchanged();
        }
        if (payments().totals().authorized() > 0) {
            throw new IllegalTransitionException(status, "authorize a payment");
        }
        status.requireNext(OrderStatus.CONFIRMED, "authorize a payment");
        requireOrderCurrency(amount);
        if (amount.amount() != totalAmount) {
            throw new OrderRuleViolation("amount-mismatch",
                    "An authorization must be for exactly the order total of " + totalAmount + " " + currency);
        }
        Recorder change = new Recorder(now);
        Payment payment = record(PaymentKind.AUTHORIZATION, amount.amount(), provider, reference, null, null, now);
        change.event(EventType.PAYMENT_AUTHORIZED, paymentData(payment));
        moveTo(OrderStatus.CONFIRMED);
        confirmedAt = now;
        reservedUntil = null;
        change.event(EventType.CONFIRMED, data());
        return change.done();
    }

    /** Captures up to what is authorized and neither captured nor voided yet. */
    public OrderChange capturePayment(Money amount, String provider, String reference, Instant now) {
        if (isRepeat(PaymentKind.CAPTURE, amount, provider, reference)) {
            return unchanged();
        }
        requireAuthorized("capture a payment");
        requireOrderCurrency(amount);
        requirePositive(amount);
        long capturable = payments().totals().uncaptured();
        if (amount.amount() > capturable) {
            throw new OrderRuleViolation("amount-exceeds-authorized",
                    "Only " + capturable + " " + currency + " remain authorized and uncaptured");
        }
        Recorder change = new Recorder(now);
        Payment payment = record(PaymentKind.CAPTURE, amount.amount(), provider, reference, null, null, now);
        change.event(EventType.PAYMENT_CAPTURED, paymentData(payment));
        return change.done();
    }

    /**
     * Captures all that remains authorized and neither captured nor voided: a bulk capture's verb,
     * which reads the amount from the order in the transaction that records it. A capture recorded
     * before with this provider and reference (the same job's, before a crash) changes nothing,
     * whatever its amount.
     */
    public OrderChange captureRemaining(String provider, String reference, Instant now) {
        if (payments().isRepeat(PaymentKind.CAPTURE, provider, reference)) {
            return unchanged();
        }
        requireAuthorized("capture a payment");
        long uncaptured = payments().totals().uncaptured();
        if (uncaptured <= 0) {
            throw new OrderRuleViolation("nothing-to-capture", "Nothing to capture",
                    "Everything authorized for order " + number + " is captured or voided");
        }
        return capturePayment(new Money(uncaptured, currency), provider, reference, now);
    }

    /**
     * Whether this payment was recorded before (same kind, provider and reference): then it changes
     * nothing. A repeat that says something else (another amount or currency) is refused naming what
     * differs, rather than answered as if it had been recorded.
     */
    private boolean isRepeat(PaymentKind kind, Money amount, String provider, String reference) {
        Payment earlier = payments().repeatOf(kind, provider, reference).orElse(null);
        if (earlier == null) {
            return false;
        }
        List<String> differences = new ArrayList<>();
        if (!currency.equals(amount.currency())) {
            differences.add("currency " + amount.currency() + " (recorded: " + currency + ")");
        }
        if (earlier.amount() != amount.amount()) {
            differences.add("amount " + amount.amount() + " (recorded: " + earlier.amount() + ")");
        }
        if (!differences.isEmpty()) {
            throw new OrderRuleViolation("conflicting-repeat", "Conflicting repeat", "Payment " + reference + " ("
                    + kind + ", " + provider + ") was recorded before with other content: " + String.join(", ", differences));
        }
        return true;
    }

    /** Voids the part of the authorization that was never captured. */
    public OrderChange voidPayment(Money amount, String provider, String reference, Instant now) {
        if (isRepeat(PaymentKind.VOID, amount, provider, reference)) {
            return unchanged();
        }
        requireAuthorized("void a payment");
        requireOrderCurrency(amount);
        long uncaptured = payments().totals().uncaptured();
        if (uncaptured == 0) {
            throw new OrderRuleViolation("nothing-to-void", "Nothing authorized remains uncaptured");
        }
        if (amount.amount() != uncaptured) {
            throw new OrderRuleViolation("amount-mismatch",
                    "A void must be for the uncaptured " + uncaptured + " " + currency);
        }
        Recorder change = new Recorder(now);
        Payment payment = record(PaymentKind.VOID, amount.amount(), provider, reference, null, null, now);
        change.event(EventType.PAYMENT_VOIDED, paymentData(payment));
        return change.done();
    }

    /**
     * Refunds part or all of what was captured and not refunded yet, ad hoc or for a return. No status
     * is asked: refunds follow the money alone, so a goodwill refund on a delivered or returned order
     * is possible, and a cancelled one has nothing left to refund (cancelling refunded it all).
     */
    public OrderChange refund(Money amount, String reason, UUID returnId, Instant now) {
        requireOrderCurrency(amount);
        requirePositive(amount);
        if (returnId != null && returns.stream().noneMatch(r -> r.id().equals(returnId))) {
            throw new OrderRuleViolation("unknown-return", "Return " + returnId + " is not part of this order");
        }
        long refundable = payments().totals().refundable();
        if (amount.amount() > refundable) {
            throw new OrderRuleViolation("refund-exceeds-captured",
                    "Only " + refundable + " " + currency + " were captured and not refunded yet");
        }
        Recorder change = new Recorder(now);
        Payment payment = record(PaymentKind.REFUND, amount.amount(), payments().providerOfAuthorization(), null, reason,
                returnId, now);
        change.event(EventType.REFUNDED, paymentData(payment));
        return change.done();
    }

    // ---------------------------------------------------------------- fulfillment and delivery

    /** Ships some units: partial or whole, never more than was ordered and not yet shipped. */
    public OrderChange fulfill(List<SkuQuantity> shipped, String carrier, String trackingNumber, String trackingUrl,
                               Instant now) {
        Fulfillment earlier = fulfillments.stream().filter(f -> f.isSameShipment(carrier, trackingNumber))
                .findFirst().orElse(null);
        if (earlier != null) {
            if (!new HashSet<>(earlier.lines()).equals(new HashSet<>(shipped))) {
                throw new OrderRuleViolation("conflicting-repeat", "Conflicting repeat", "Shipment " + trackingNumber
                        + " (" + carrier + ") was recorded before with other lines: " + earlier.lines()
                        + ", not " + shipped);
            }
            return unchanged();
        }
        status.requireNext(OrderStatus.FULFILLED, "fulfill");
        requireDistinctSkus(shipped.stream().map(SkuQuantity::sku).toList());
        for (SkuQuantity units : shipped) {
            OrderLine line = lineOf(units.sku());
            if (units.quantity() > line.unshipped()) {
                throw new OrderRuleViolation("over-fulfillment", "Only " + line.unshipped() + " of "
                        + units.sku() + " remain to ship, not " + units.quantity());
            }
        }
        Recorder change = new Recorder(now);
        shipped.forEach(units -> lineOf(units.sku()).ship(units.quantity()));
        Fulfillment fulfillment = new Fulfillment(this, shipped, carrier, trackingNumber, trackingUrl, now);
        fulfillments.add(fulfillment);
        change.stock(StockEffect.Kind.SHIP, shipped);
        boolean complete = lines.stream().allMatch(line -> line.unshipped() == 0);
        moveTo(complete ? OrderStatus.FULFILLED : OrderStatus.PARTIALLY_FULFILLED);
        change.event(EventType.FULFILLMENT_CREATED, data(
                "fulfillmentId", fulfillment.id(),
                "carrier", carrier,
                "trackingNumber", trackingNumber,
                "trackingUrl", trackingUrl,
                "lines", shipped));
        if (complete) {
            change.event(EventType.FULFILLED, data());
        }
        return change.done();
    }

    /** Records one shipment as delivered; the order is delivered once every unit shipped and arrived. */
    public OrderChange deliver(UUID fulfillmentId, Instant now) {
        Fulfillment fulfillment = fulfillmentOf(fulfillmentId);
        if (fulfillment.isDelivered()) {
            return unchanged();
        }
        Recorder change = new Recorder(now);
        deliver(change, fulfillment, now);
        return change.done();
    }

    /**
     * Records a carrier's scan of one shipment ({@code order.shipment_updated}, for every new scan).
     * Only the newest scan by {@code happenedAt} sets the shipment's status and delivery estimate
     * ({@code order.delivery_estimate_changed}) or raises an exception ({@code order.shipment_exception}),
     * so scans that arrive out of order never move it backwards and nothing moves a delivered one. A
     * {@code delivered} scan delivers the shipment exactly as {@link #deliver} does, as of when it happened.
     */
    public OrderChange recordScan(TrackingScan scan, Instant now) {
        Fulfillment fulfillment = fulfillmentOf(scan.fulfillmentId());
        if (scan.happenedAt().isAfter(now.plus(SCAN_CLOCK_SKEW))) {
            throw new OrderRuleViolation("scan-in-the-future", "A scan cannot happen in the future",
                    "happenedAt " + scan.happenedAt() + " is later than now (" + now + ") by more than "
                            + SCAN_CLOCK_SKEW.toMinutes() + " minutes");
        }
        Recorder change = new Recorder(now);
        boolean newest = fulfillment.takeScan(scan.status(), scan.happenedAt());
        Instant previousEstimate = fulfillment.estimatedDeliveryAt();
        boolean reestimated = newest && fulfillment.reestimate(scan.estimatedDeliveryAt());
        change.event(EventType.SHIPMENT_UPDATED, data(
                "fulfillmentId", fulfillment.id(),
                "trackingEventId", scan.id(),
                "scan", data(
                        "status", scan.status(),
                        "subStatus", scan.subStatus(),
                        "happenedAt", scan.happenedAt(),
                        "location", scan.location(),
                        "message", scan.message(),
                        "estimatedDeliveryAt", scan.estimatedDeliveryAt(),
                        "source", scan.source(),
                        "externalEventId", scan.externalEventId()),
                "shipmentStatus", scan.status() == ShipmentStatus.DELIVERED ? ShipmentStatus.DELIVERED
                        : fulfillment.shipmentStatus(),
                "estimatedDeliveryAt", fulfillment.estimatedDeliveryAt()));
        if (reestimated) {
            change.event(EventType.DELIVERY_ESTIMATE_CHANGED, data(
                    "fulfillmentId", fulfillment.id(),
                    "estimatedDeliveryAt", fulfillment.estimatedDeliveryAt(),
                    "previousEstimatedDeliveryAt", previousEstimate,
                    "firstEstimatedDeliveryAt", fulfillment.firstEstimatedDeliveryAt()));
        }
        if (newest && scan.status() == ShipmentStatus.EXCEPTION) {
            change.event(EventType.SHIPMENT_EXCEPTION, data(
                    "fulfillmentId", fulfillment.id(),
                    "trackingEventId", scan.id(),
                    "subStatus", scan.subStatus(),
                    "message", scan.message(),
                    "happenedAt", scan.happenedAt(),
                    "location", scan.location()));
        }
        if (scan.status() == ShipmentStatus.DELIVERED && !fulfillment.isDelivered()) {
            deliver(change, fulfillment, scan.happenedAt());
        }
        return change.done();
    }

    /** Marks one shipment delivered; the order is delivered once every unit shipped and arrived. */
    private void deliver(Recorder change, Fulfillment fulfillment, Instant deliveredAt) {
        fulfillment.markDelivered(deliveredAt);
        change.event(EventType.SHIPMENT_DELIVERED, data("fulfillmentId", fulfillment.id(), "deliveredAt", deliveredAt));
        // the order is delivered once every unit shipped (FULFILLED, the one status that may move so) and arrived
        if (status.canMoveTo(OrderStatus.DELIVERED) && fulfillments.stream().allMatch(Fulfillment::isDelivered)) {
            moveTo(OrderStatus.DELIVERED);
            change.event(EventType.DELIVERED, data());
        }
    }

    // ---------------------------------------------------------------- cancellation and expiry

    /** Cancels before anything shipped: releases every held unit, voids or refunds what was paid. */
    public OrderChange cancel(CancellationReason reason, String note, Instant now) {
        if (status == OrderStatus.CANCELLED) {
            return unchanged();
        }
        status.requireNext(OrderStatus.CANCELLED, "cancel");
        Recorder change = new Recorder(now);
        change.stock(StockEffect.Kind.RELEASE, unshippedUnits());
        moveTo(OrderStatus.CANCELLED);
        reservedUntil = null;
        cancellationReason = reason;
        cancellationNote = note;
        change.event(EventType.CANCELLED, data("reason", reason, "note", note, "released", unshippedUnits()));
        Payments.Totals before = payments().totals();
        String provider = payments().providerOfAuthorization();
        if (before.refundable() > 0) {
            Payment refund = record(PaymentKind.REFUND, before.refundable(), provider, null, "order cancelled", null, now);
            change.event(EventType.REFUNDED, paymentData(refund));
        }
        if (before.uncaptured() > 0) {
            Payment voided = record(PaymentKind.VOID, before.uncaptured(), provider, null, "order cancelled", null, now);
            change.event(EventType.PAYMENT_VOIDED, paymentData(voided));
        }
        return change.done();
    }

    /** The hold ran out before payment: every held unit goes back to sale. */
    public OrderChange expire(Instant now) {
        if (status == OrderStatus.EXPIRED) {
            return unchanged();
        }
        status.requireNext(OrderStatus.EXPIRED, "expire");
        if (reservedUntil == null || reservedUntil.isAfter(now)) {
            throw new IllegalTransitionException(status, "expire before the hold runs out");
        }
        Recorder change = new Recorder(now);
        change.stock(StockEffect.Kind.RELEASE, unshippedUnits());
        moveTo(OrderStatus.EXPIRED);
        change.event(EventType.EXPIRED, data("released", unshippedUnits(), "reservedUntil", reservedUntil));
        return change.done();
    }

    // ---------------------------------------------------------------- returns

    /** A customer sends shipped units back; only units shipped and not already returned or on their way back. */
    public OrderChange requestReturn(List<SkuQuantity> returned, String reason, Instant now) {
        status.requireNext(OrderStatus.RETURNED, "request a return");
        requireDistinctSkus(returned.stream().map(SkuQuantity::sku).toList());
        for (SkuQuantity units : returned) {
            OrderLine line = lineOf(units.sku());
            int returnable = line.shippedQuantity() - line.returnedQuantity() - unitsOnTheirWayBack(units.sku());
            if (units.quantity() > returnable) {
                throw new OrderRuleViolation("return-exceeds-shipped", "Only " + returnable + " shipped units of "
                        + units.sku() + " can still be returned, not " + units.quantity());
            }
        }
        Recorder change = new Recorder(now);
        OrderReturn orderReturn = new OrderReturn(this, returned, reason, now);
        returns.add(orderReturn);
        change.event(EventType.RETURN_REQUESTED, data(
                "returnId", orderReturn.id(), "lines", returned, "reason", reason));
        return change.done();
    }

    /** The returned units arrived; they go back on the shelf when {@code restock} says so. */
    public OrderChange receiveReturn(UUID returnId, boolean restock, Instant now) {
        OrderReturn orderReturn = returns.stream()
                .filter(r -> r.id().equals(returnId))
                .findFirst()
                .orElseThrow(() -> new ReturnNotFoundException(returnId));
        if (orderReturn.isReceived()) {
            return unchanged();
        }
        Recorder change = new Recorder(now);
        orderReturn.receive(restock, now);
        orderReturn.lines().forEach(units -> lineOf(units.sku()).takeBack(units.quantity()));
        if (restock) {
            change.stock(StockEffect.Kind.RESTOCK, orderReturn.lines());
        }
        boolean everything = lines.stream().allMatch(line -> line.returnedQuantity() == line.quantity());
        moveTo(everything ? OrderStatus.RETURNED : OrderStatus.PARTIALLY_RETURNED);
        change.event(EventType.RETURN_RECEIVED, data(
                "returnId", returnId, "lines", orderReturn.lines(), "restocked", restock));
        if (everything) {
            change.event(EventType.RETURNED, data());
        }
        return change.done();
    }

    // ---------------------------------------------------------------- what the customer is told, and what they answer

    /**
     * A note staff write for the customer (a delay, a thank-you): it changes nothing but is logged,
     * so the tracking page and its stream show it. Allowed in every status.
     */
    public OrderChange addPublicNote(String message, Instant now) {
        Recorder change = new Recorder(now);
        change.event(EventType.PUBLIC_NOTE_ADDED, data("noteId", UUID.randomUUID(), "message", message));
        return change.done();
    }

    /**
     * The customer's rating (1 to 5) and comment, once per order and only once everything arrived: a
     * second one is refused rather than replacing the first, and so is one before delivery.
     */
    public OrderChange leaveFeedback(int rating, String comment, Instant now) {
        if (rating < 1 || rating > 5) {
            throw new OrderRuleViolation("rating-out-of-range", "A rating is 1 to 5, not " + rating);
        }
        if (!isDelivered()) {
            throw new IllegalTransitionException(status, "leave feedback before the order is delivered");
        }
        if (feedbackAt != null) {
            throw new FeedbackAlreadyGivenException(feedbackAt);
        }
        feedbackRating = rating;
        feedbackComment = comment;
        feedbackAt = now;
        Recorder change = new Recorder(now);
        change.event(EventType.FEEDBACK_RECEIVED, data("rating", rating, "comment", comment));
        return change.done();
    }

    // ---------------------------------------------------------------- tags

    /**
     * Adds staff's labels (lower-cased; {@code order.tags_changed} with what was added); allowed in
     * every status. Tags the order has already change nothing; more than {@link #MAX_TAGS} are refused.
     */
    public OrderChange tag(Collection<String> labels, Instant now) {
        TreeSet<String> next = new TreeSet<>(List.of(tags));
        List<String> added = normalized(labels).stream().filter(next::add).toList();
        if (added.isEmpty()) {
            return unchanged();
        }
        if (next.size() > MAX_TAGS) {
            throw new OrderRuleViolation("too-many-tags", "Too many tags", "An order has at most " + MAX_TAGS
                    + " tags; order " + number + " has " + tags.length + " and this adds " + added.size());
        }
        return retag(next, added, List.of(), now);
    }

    /** Takes labels off ({@code order.tags_changed} with what was removed); a tag the order lacks changes nothing. */
    public OrderChange untag(Collection<String> labels, Instant now) {
        TreeSet<String> next = new TreeSet<>(List.of(tags));
        List<String> removed = normalized(labels).stream().filter(next::remove).toList();
        if (removed.isEmpty()) {
            return unchanged();
        }
        return retag(next, List.of(), removed, now);
    }

    private OrderChange retag(TreeSet<String> next, List<String> added, List<String> removed, Instant now) {
        tags = next.toArray(String[]::new);
        Recorder change = new Recorder(now);
        change.event(EventType.TAGS_CHANGED, data("added", added, "removed", removed, "tags", List.of(tags)));
        return change.done();
    }

    private static List<String> normalized(Collection<String> labels) {
        return labels.stream().map(label -> label.strip().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    /** Every unit shipped and every shipment delivered (returns since then do not undo that). */
    public boolean isDelivered() {
        return !fulfillments.isEmpty() && unshippedUnits().isEmpty() && fulfillments.stream().allMatch(Fulfillment::isDelivered);
    }

    // ---------------------------------------------------------------- guards and helpers

    /** Fails when the caller expected another version (a client's {@code If-Match}); null expects any. */
    public void requireVersion(Long expected) {
        if (expected != null && expected != version) {
            throw new StaleVersionException(expected, version);
        }
    }

    private void moveTo(OrderStatus next) {
        if (next != status) {
            status.requireNext(next);
            status = next;
        }
    }

    private OrderChange unchanged() {
        return new OrderChange(this, List.of(), List.of());
    }

    private Fulfillment fulfillmentOf(UUID fulfillmentId) {
        return fulfillments.stream()
                .filter(f -> f.id().equals(fulfillmentId))
                .findFirst()
                .orElseThrow(() -> new FulfillmentNotFoundException(fulfillmentId));
    }

    private OrderLine lineOf(String sku) {
        return lines.stream()
                .filter(line -> line.sku().equals(sku))
                .findFirst()
                .orElseThrow(() -> new OrderRuleViolation("unknown-line", "SKU " + sku + " is not part of this order"));
    }

    /** The units not shipped yet, line by line. */
    public List<SkuQuantity> unshipped() {
        return unshippedUnits();
    }

    private List<SkuQuantity> unshippedUnits() {
        return lines.stream()
                .filter(line -> line.unshipped() > 0)
                .map(line -> new SkuQuantity(line.sku(), line.unshipped()))
                .toList();
    }

    private int unitsOnTheirWayBack(String sku) {
        return returns.stream()
                .filter(r -> !r.isReceived())
                .flatMap(r -> r.lines().stream())
                .filter(units -> units.sku().equals(sku))
                .mapToInt(SkuQuantity::quantity)
                .sum();
    }

    /** Captures and voids need an authorization, on an order that is still open. */
    private void requireAuthorized(String attempted) {
        if (status.isClosed() || payments().totals().authorized() == 0) {
            throw new IllegalTransitionException(status, attempted + " that is not authorized");
        }
    }

    private Payment record(PaymentKind kind, long amount, String provider, String reference, String reason,
                           UUID returnId, Instant now) {
        Payment payment = payments().record(kind, amount, provider, reference, reason, returnId, now);
        paymentStatus = payments().totals().status();
        return payment;
    }

    private Map<String, Object> paymentData(Payment payment) {
        return data(
                "paymentId", payment.id(),
                "kind", payment.kind(),
                "amount", new Money(payment.amount(), currency),
                "provider", payment.provider(),
                "reference", payment.reference(),
                "reason", payment.reason(),
                "returnId", payment.returnId());
    }

    private void requireOrderCurrency(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new OrderRuleViolation("currency-mismatch",
                    "This order is in " + currency + ", not " + amount.currency());
        }
    }

    private static void requirePositive(Money amount) {
        if (!amount.greaterThanZero()) {
            throw new OrderRuleViolation("amount-not-positive", "The amount must be greater than zero");
        }
    }

    private static void requireDistinctSkus(List<String> skus) {
        Set<String> seen = new HashSet<>();
        List<String> repeated = skus.stream().filter(sku -> !seen.add(sku)).distinct().toList();
        if (!repeated.isEmpty()) {
            throw new OrderRuleViolation("duplicate-sku", "Each SKU may appear on one line only: " + repeated);
        }
    }

    /** An insertion-ordered map that, unlike Map.of, takes null values (absent optional fields). */
    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                data.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return data;
    }

    /** Collects what one verb did: events get the next sequence numbers and the statuses at that moment. */
    private final class Recorder {
        private final Instant now;
        private final List<OrderEvent> events = new ArrayList<>();
        private final List<StockEffect> stock = new ArrayList<>();

        private Recorder(Instant now) {
            this.now = now;
        }

        void event(EventType type, Map<String, Object> data) {
            if (importing) {
                data = new LinkedHashMap<>(data);
                data.put("imported", true);
            }
            lastEventSequence++;
            events.add(OrderEvent.unlogged(id, customerId, lastEventSequence, type, now, status, paymentStatus, data));
        }

        void stock(StockEffect.Kind kind, List<SkuQuantity> units) {
            StockEffect.Kind effective = stockMode.effectOf(kind);
            if (effective != null && !units.isEmpty()) {
                stock.add(new StockEffect(effective, List.copyOf(units)));
            }
        }

        OrderChange done() {
            updatedAt = now;
            return new OrderChange(Order.this, List.copyOf(events), List.copyOf(stock));
        }
    }

    // ---------------------------------------------------------------- reads

    public UUID id() {
        return id;
    }

    public Integer feedbackRating() {
        return feedbackRating;
    }

    public String feedbackComment() {
        return feedbackComment;
    }

    public Instant feedbackAt() {
        return feedbackAt;
    }

    public long number() {
        return number;
    }

    public String customerId() {
        return customerId;
    }

    public String email() {
        return email;
    }

    public String channel() {
        return channel;
    }

    /** The order's id in the sales channel it was imported from, or null. */
    public String externalOrderId() {
        return externalOrderId;
    }

    public List<String> tags() {
        return List.of(tags);
    }

    public StockMode stockMode() {
        return stockMode;
    }

    /** The customer's language (a BCP 47 tag), or null for the store's default. */
    public String language() {
        return language;
    }

    /** The expired order this one was placed to recover, if any. */
    public UUID recoveredFrom() {
        return recoveredFrom;
    }

    /** The order placed to recover this expired one, if any. */
    public UUID recoveredBy() {
        return recoveredBy;
    }

    public OrderStatus status() {
        return status;
    }

    public PaymentStatus paymentStatus() {
        return paymentStatus;
    }

    public Money total() {
        return new Money(totalAmount, currency);
    }

    public String currency() {
        return currency;
    }

    public ShippingAddress shippingAddress() {
        return shippingAddress;
    }

    public Instant reservedUntil() {
        return reservedUntil;
    }

    public String trackingToken() {
        return trackingToken;
    }

    public CancellationReason cancellationReason() {
        return cancellationReason;
    }

    public String cancellationNote() {
        return cancellationNote;
    }

    public long version() {
        return version;
    }

    int lastEventSequence() {
        return lastEventSequence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }

    public List<Fulfillment> fulfillments() {
        return List.copyOf(fulfillments);
    }

    public List<OrderReturn> returns() {
        return List.copyOf(returns);
    }

    /** The order's money: its payment records, their totals and the status derived from them. */
    public Payments payments() {
        return new Payments(this, payments);
    }
}
