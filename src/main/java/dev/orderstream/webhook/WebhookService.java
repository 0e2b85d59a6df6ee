package dev.orderstream.webhook;

import dev.orderstream.common.Cursor;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.Page;
import dev.orderstream.common.PageRequest;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.NotFoundProblem;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.EventType;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.event.Position;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** The webhook endpoints' use cases: register, change, remove one, and read its delivery log. */
@ApplicationScoped
public class WebhookService {

    /** What may change of an endpoint; null leaves it as it is. */
    public record Changes(String url, List<String> events, String description, Boolean enabled) {
    }

    private final WebhookRepository webhooks;
    private final EventStore store;
    private final WebhookDispatcher dispatcher;
    private final OrderstreamConfig.Webhooks config;
    private final OrderstreamConfig.Pagination pagination;
    private final Clock clock;
    private final EndpointAddresses addresses;

    public WebhookService(WebhookRepository webhooks, EventStore store, WebhookDispatcher dispatcher,
                          OrderstreamConfig config, Clock clock, EndpointAddresses addresses) {
        this.webhooks = webhooks;
        this.store = store;
        this.dispatcher = dispatcher;
        this.config = config.webhooks();
        this.pagination = config.pagination();
        this.clock = clock;
        this.addresses = addresses;
    }

    /**
     * A new endpoint, enabled, with a new secret (answered once, here); it gets the events committed
     * after it was registered.
     */
    public Uni<WebhookEndpoint> register(String url, List<String> events, String description) {
        List<String> subscribed = validEvents(events);
        return validUrl(url).chain(checked -> store.head().chain(start -> {
            Instant now = clock.instant();
            return webhooks.insert(new WebhookEndpoint(UUID.randomUUID(), checked, subscribed, description, true, null,
                    null, WebhookSignature.newSecret(), null, null, now, now), start)
                    .invoke(dispatcher::endpointRegistered);
        }));
    }

    public Uni<List<WebhookEndpoint>> list() {
        return webhooks.list();
    }

    public Uni<WebhookEndpoint> get(UUID id) {
        return webhooks.find(id).map(found -> found.orElseThrow(() -> new NotFoundProblem("Webhook endpoint", id)));
    }

    /** Changes an endpoint; enabling a disabled one resumes its waiting deliveries, in order. */
    public Uni<WebhookEndpoint> change(UUID id, Changes changes) {
        List<String> events = changes.events() == null ? null : validEvents(changes.events());
        Uni<String> url = changes.url() == null ? Uni.createFrom().nullItem() : validUrl(changes.url());
        return url.chain(checked -> get(id).chain(endpoint -> {
            boolean enabled = changes.enabled() == null ? endpoint.enabled() : changes.enabled();
            WebhookEndpoint changed = new WebhookEndpoint(endpoint.id(),
                    checked == null ? endpoint.url() : checked,
                    events == null ? endpoint.events() : events,
                    changes.description() == null ? endpoint.description() : changes.description(),
                    enabled,
                    enabled ? null : changes.enabled() != null && endpoint.enabled() ? "Disabled through the API"
                            : endpoint.disabledReason(),
                    enabled ? null : endpoint.enabled() ? clock.instant() : endpoint.disabledAt(),
                    endpoint.secret(), endpoint.previousSecret(), endpoint.previousSecretUntil(),
                    endpoint.createdAt(), clock.instant());
            return webhooks.update(changed).invoke(dispatcher::wake).replaceWith(changed);
        }));
    }

    /**
     * A new secret; the old one keeps signing next to it for {@code overlap} (the configured one when
     * null), so receivers can switch without missing a message.
     */
    public Uni<WebhookEndpoint> rotateSecret(UUID id, Duration overlap) {
        Duration keep = overlap == null ? config.secretOverlap() : overlap;
        if (keep.isNegative() || keep.compareTo(Duration.ofDays(7)) > 0) {
            throw new BadRequestProblem("Invalid overlap", "overlap must be from PT0S to P7D", "overlap");
        }
        return get(id).chain(endpoint -> {
            Instant now = clock.instant();
            WebhookEndpoint rotated = new WebhookEndpoint(endpoint.id(), endpoint.url(), endpoint.events(),
                    endpoint.description(), endpoint.enabled(), endpoint.disabledReason(), endpoint.disabledAt(),
                    WebhookSignature.newSecret(), endpoint.secret(), now.plus(keep), endpoint.createdAt(), now);
            return webhooks.update(rotated).replaceWith(rotated);
        });
    }

    /** One delivery sent again: a new delivery of the same event to the same endpoint. */
    public Uni<Long> redeliver(long deliveryId) {
        return webhooks.redeliver(deliveryId, clock.instant())
                .map(created -> created.orElseThrow(() -> new NotFoundProblem("Webhook delivery", deliveryId)))
                .invoke(dispatcher::wake);
    }

    /**
     * Sends an endpoint again every event it subscribes to after the event {@code sinceEventId}, or
     * else every one that occurred after {@code occurredAfter}, in log order (each order's in sequence
     * order), at most {@code max}; answers how many.
     */
    public Uni<Integer> replay(UUID id, Long sinceEventId, Instant occurredAfter, int max) {
        if ((sinceEventId == null) == (occurredAfter == null)) {
            throw new BadRequestProblem("Invalid replay", "Give exactly one of since (an event id) and occurredAfter",
                    sinceEventId == null ? "since" : "occurredAfter");
        }
        return get(id).chain(endpoint -> {
            if (occurredAfter != null) {
                return store.positionBeforeFirstAfter(occurredAfter).chain(position -> position.isEmpty()
                        ? Uni.createFrom().item(0)
                        : replayFrom(endpoint, position.get(), event -> event.occurredAt().isAfter(occurredAfter), max, 0));
            }
            return store.positionOf(sinceEventId).chain(position -> {
                if (position.isEmpty()) {
                    throw new BadRequestProblem("Unknown event", "No event has id " + sinceEventId, "since");
                }
                return replayFrom(endpoint, position.get(), event -> true, max, 0);
            });
        }).invoke(dispatcher::wake);
    }

    private Uni<Integer> replayFrom(WebhookEndpoint endpoint, Position from,
                                    Predicate<OrderEvent> wanted, int left, int done) {
        if (left <= 0) {
            return Uni.createFrom().item(done);
        }
        return store.after(from, EventFilter.ALL, Math.min(500, left)).chain(events -> {
            if (events.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            // only the types it subscribes to
            return webhooks.replay(endpoint.id(), events.stream().filter(wanted).toList(), clock.instant())
                    .chain(created -> replayFrom(endpoint, events.get(events.size() - 1).position(), wanted,
                            left - events.size(), done + created));
        });
    }

    /** What happened to an endpoint itself: each time it was disabled (and why) or enabled again. */
    public Uni<List<WebhookRepository.EndpointEvent>> history(UUID id) {
        return get(id).chain(endpoint -> webhooks.history(id));
    }

    public Uni<Void> remove(UUID id) {
        return webhooks.delete(id).invoke(deleted -> {
            if (!deleted) {
                throw new NotFoundProblem("Webhook endpoint", id);
            }
        }).replaceWithVoid();
    }

    /** An endpoint's deliveries, newest first, with every attempt. */
    public Uni<Page<WebhookRepository.LoggedDelivery>> deliveries(UUID id, String status, UUID orderId, PageRequest page) {
        String wanted = status == null ? null : switch (status.strip().toLowerCase()) {
            case "pending" -> "PENDING";
            case "succeeded" -> "SUCCEEDED";
            case "failed" -> "FAILED";
            default -> throw new BadRequestProblem("Invalid status", "status must be pending, succeeded or failed", "status");
        };
        Long before = page.cursor() == null ? null : Cursor.decodeLong(page.cursor());
        return get(id).chain(endpoint -> webhooks.deliveries(id, wanted, orderId, before, page.rowsToRead()))
                .map(rows -> Page.of(rows, page.limit(), delivery -> String.valueOf(delivery.id())));
    }

    public OrderstreamConfig.Pagination pagination() {
        return pagination;
    }

    // ---------------------------------------------------------------- validation

    private static List<String> validEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new BadRequestProblem("Invalid events", "events must name at least one event type, or order.*", "events");
        }
        List<BadRequestProblem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (type == null || !WebhookEndpoint.EVERY_ORDER_EVENT.equals(type) && !EventType.isWireName(type)) {
                errors.add(new BadRequestProblem.FieldError("events[" + i + "]",
                        "must be order.* or an event type such as order.confirmed"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("Invalid events", "Unknown event types", errors);
        }
        return List.copyOf(new java.util.LinkedHashSet<>(events));
    }

    /**
     * An endpoint URL must be absolute http(s) with a host; in production (require-public-https) it
     * must be https and its host must resolve to public addresses only ({@link EndpointAddresses}),
     * unless the host is in allowed-hosts.
     */
    Uni<String> validUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            return Uni.createFrom().failure(invalidUrl("is not a URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!Set.of("http", "https").contains(scheme) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Uni.createFrom().failure(invalidUrl("must be an absolute http(s) URL with a host, no user or fragment"));
        }
        if (!addresses.mustBePublic(uri.getHost())) {
            return Uni.createFrom().item(uri.toString());
        }
        if (!"https".equals(scheme)) {
            return Uni.createFrom().failure(invalidUrl("must be https"));
        }
        return addresses.publicAddressOf(uri.getHost())
                .onFailure(EndpointAddresses.NotPublic.class).transform(notPublic -> invalidUrl(notPublic.getMessage()))
                .replaceWith(uri.toString());
    }

    private static BadRequestProblem invalidUrl(String why) {
        return new BadRequestProblem("Invalid webhook URL", "url " + why, "url");
    }
}
