package dev.orderstream.tracking;

import dev.orderstream.catalog.SkuQuantity;
import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.TrackedOrder;
import dev.orderstream.order.api.TrackingResponse;
import io.quarkus.qute.TemplateData;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the tracking page shows, ready to render: built from the order's tracking view and its event
 * log, with dates formatted for the page's language. Nothing personal goes in (no email, address,
 * customer, payment or order id): only what {@link TrackingResponse} shows, the shipments' scans,
 * returns, public notes and whether feedback can be given.
 */
@TemplateData
public record TrackingPage(String token, long number, Stamp placedAt, String status, List<Milestone> milestones,
                           Ending ending, List<Note> notes, List<Shipment> shipments, List<Item> unshipped,
                           List<Return> returns, Feedback feedback) {

    /** How many scans a shipment shows, newest first. */
    static final int SCANS_SHOWN = 5;
    /** The milestones every order goes through, in order. */
    static final List<String> MILESTONES = List.of("placed", "confirmed", "shipped", "out_for_delivery", "delivered");

    /** A moment: ISO-8601 for {@code <time datetime>}, and as the page's language writes it. */
    @TemplateData
    public record Stamp(String iso, String text) {
    }

    /** One milestone: {@code state} is done, current or upcoming; {@code at} is null when not reached (or not known). */
    @TemplateData
    public record Milestone(String key, Stamp at, String state) {
        public boolean current() {
            return "current".equals(state);
        }

        /** Its text's key in {@link TrackingMessages}. */
        public String label() {
            return "milestone_" + key;
        }
    }

    /** How the order ended other than by delivery: cancelled, expired, returned, partially_returned. */
    @TemplateData
    public record Ending(String key, Stamp at) {
        public String label() {
            return "ending_" + key;
        }
    }

    @TemplateData
    public record Note(String message, Stamp at) {
    }

    @TemplateData
    public record Item(String name, int quantity) {
    }

    @TemplateData
    public record Scan(String status, String location, String message, Stamp at) {
        public String label() {
            return "shipment_" + status;
        }
    }

    @TemplateData
    public record Shipment(int index, int count, String carrier, String trackingNumber, String trackingUrl,
                           String status, Stamp shippedAt, Stamp estimatedDelivery, Stamp deliveredAt,
                           List<Item> items, List<Scan> scans) {
        public String statusLabel() {
            return "shipment_" + status;
        }
    }

    /** A return: {@code state} is requested or received. */
    @TemplateData
    public record Return(List<Item> items, String state, Stamp at) {
        public String label() {
            return "return_" + state;
        }
    }

    /** {@code state}: closed (not delivered yet), open (the form), given (with its rating). */
    @TemplateData
    public record Feedback(String state, Integer rating) {
        public boolean open() {
            return "open".equals(state);
        }

        public boolean given() {
            return "given".equals(state);
        }
    }

    /** The page of {@code order}, whose events (in sequence order) are {@code history}. */
    public static TrackingPage of(String token, TrackedOrder order, List<OrderEvent> history, Locale locale, ZoneId zone) {
        Dates dates = new Dates(locale, zone);
        TrackingResponse view = order.view();
        Map<String, String> names = view.items().stream()
                .collect(Collectors.toMap(TrackingResponse.Item::sku, TrackingResponse.Item::name, (a, b) -> a, LinkedHashMap::new));

        Map<String, Instant> reached = new LinkedHashMap<>();
        Ending ending = null;
        List<Note> notes = new ArrayList<>();
        Map<UUID, List<Map<String, Object>>> scans = new LinkedHashMap<>();
        Map<String, Return> returns = new LinkedHashMap<>();
        Integer rating = null;
        for (OrderEvent event : history) {
            Map<String, Object> data = event.data();
            switch (EventType.ofWireName(event.type())) {
                case PLACED -> reached.putIfAbsent("placed", event.occurredAt());
                case CONFIRMED -> reached.putIfAbsent("confirmed", event.occurredAt());
                case FULFILLMENT_CREATED -> reached.putIfAbsent("shipped", event.occurredAt());
                case SHIPMENT_UPDATED -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> scan = (Map<String, Object>) data.get("scan");
                    scans.computeIfAbsent(UUID.fromString((String) data.get("fulfillmentId")), id -> new ArrayList<>()).add(scan);
                    if ("out_for_delivery".equals(scan.get("status"))) {
                        reached.putIfAbsent("out_for_delivery", Instant.parse((String) scan.get("happenedAt")));
                    }
                }
                case DELIVERED -> reached.putIfAbsent("delivered", event.occurredAt());
                case CANCELLED -> ending = new Ending("cancelled", dates.stamp(event.occurredAt()));
                case EXPIRED -> ending = new Ending("expired", dates.stamp(event.occurredAt()));
                case RETURN_REQUESTED -> returns.put((String) data.get("returnId"),
                        new Return(items(data.get("lines"), names), "requested", dates.stamp(event.occurredAt())));
                case RETURN_RECEIVED -> returns.computeIfPresent((String) data.get("returnId"),
                        (id, requested) -> new Return(requested.items(), "received", dates.stamp(event.occurredAt())));
                case PUBLIC_NOTE_ADDED -> notes.add(new Note((String) data.get("message"), dates.stamp(event.occurredAt())));
                case FEEDBACK_RECEIVED -> rating = ((Number) data.get("rating")).intValue();
                default -> {
                }
            }
        }
        if (view.status() == OrderStatus.RETURNED || view.status() == OrderStatus.PARTIALLY_RETURNED) {
            ending = new Ending(view.status() == OrderStatus.RETURNED ? "returned" : "partially_returned",
                    returns.values().stream().map(Return::at).reduce((a, b) -> b).orElse(null));
        }

        List<Shipment> shipments = new ArrayList<>();
        for (int i = 0; i < view.fulfillments().size(); i++) {
            TrackingResponse.Shipment shipment = view.fulfillments().get(i);
            List<Scan> latest = scans.getOrDefault(order.fulfillmentIds().get(i), List.of()).stream()
                    .sorted(Comparator.comparing((Map<String, Object> scan) -> (String) scan.get("happenedAt"),
                            Comparator.comparing(Instant::parse)).reversed())
                    .limit(SCANS_SHOWN)
                    .map(scan -> new Scan((String) scan.get("status"), place(scan.get("location")), (String) scan.get("message"),
                            dates.stamp(Instant.parse((String) scan.get("happenedAt")))))
                    .toList();
            shipments.add(new Shipment(i + 1, view.fulfillments().size(), shipment.carrier(), shipment.trackingNumber(),
                    shipment.trackingUrl(), shipment.shipmentStatus() == null ? null : shipment.shipmentStatus().wireName(),
                    dates.stamp(shipment.shippedAt()),
                    shipment.deliveredAt() == null ? dates.day(shipment.estimatedDeliveryAt()) : null,
                    dates.stamp(shipment.deliveredAt()),
                    shipment.lines().stream().map(units -> new Item(names.getOrDefault(units.sku(), units.sku()), units.quantity()))
                            .toList(),
                    latest));
        }
        List<Item> unshipped = view.items().stream()
                .filter(item -> item.quantity() > item.shippedQuantity())
                .map(item -> new Item(item.name(), item.quantity() - item.shippedQuantity()))
                .toList();

        boolean delivered = reached.containsKey("delivered");
        // as the order decides it: everything shipped, every shipment delivered
        boolean arrived = !shipments.isEmpty() && unshipped.isEmpty() && shipments.stream().allMatch(s -> s.deliveredAt() != null);
        Feedback feedback = rating != null ? new Feedback("given", rating) : new Feedback(arrived ? "open" : "closed", null);
        return new TrackingPage(token, view.number(), dates.stamp(view.placedAt()), view.status().name().toLowerCase(Locale.ROOT),
                milestones(reached, ending != null && !delivered, dates), ending, notes, shipments, unshipped,
                List.copyOf(returns.values()), feedback);
    }

    /**
     * The timeline: every milestone reached, with its date, the last one current; then the ones to
     * come, unless the order ended (cancelled, expired) before them. A milestone passed without its own
     * event (delivered with no out-for-delivery scan) is done, without a date.
     */
    private static List<Milestone> milestones(Map<String, Instant> reached, boolean ended, Dates dates) {
        int last = -1;
        for (int i = 0; i < MILESTONES.size(); i++) {
            if (reached.containsKey(MILESTONES.get(i))) {
                last = i;
            }
        }
        List<Milestone> milestones = new ArrayList<>();
        for (int i = 0; i < MILESTONES.size(); i++) {
            String key = MILESTONES.get(i);
            if (i <= last) {
                milestones.add(new Milestone(key, dates.stamp(reached.get(key)), i == last && !ended ? "current" : "done"));
            } else if (!ended) {
                milestones.add(new Milestone(key, null, "upcoming"));
            }
        }
        return milestones;
    }

    private static List<Item> items(Object lines, Map<String, String> names) {
        List<Item> items = new ArrayList<>();
        if (lines instanceof List<?> list) {
            for (Object line : list) {
                if (line instanceof Map<?, ?> units) {
                    String sku = (String) units.get("sku");
                    items.add(new Item(names.getOrDefault(sku, sku), ((Number) units.get("quantity")).intValue()));
                }
            }
        }
        return items;
    }

    private static String place(Object location) {
        if (!(location instanceof Map<?, ?> parts)) {
            return null;
        }
        String place = java.util.stream.Stream.of("city", "region", "country")
                .map(parts::get).filter(Objects::nonNull).map(Object::toString).filter(part -> !part.isBlank())
                .collect(Collectors.joining(", "));
        return place.isEmpty() ? null : place;
    }

    /** Dates as the page's language writes them, in the configured zone. */
    private record Dates(DateTimeFormatter moment, DateTimeFormatter date) {
        Dates(Locale locale, ZoneId zone) {
            this(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone),
                    DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).withZone(zone));
        }

        Stamp stamp(Instant at) {
            return at == null ? null : new Stamp(at.toString(), moment.format(at));
        }

        Stamp day(Instant at) {
            return at == null ? null : new Stamp(at.toString(), date.format(at));
        }
    }
}
