package dev.orderstream.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.smallrye.mutiny.subscription.UniEmitter;
import dev.orderstream.common.CoalescingTask;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.RequestLoad;
import dev.orderstream.event.EventSignal;
import dev.orderstream.event.EventStore;
import dev.orderstream.event.OrderEvent;
import dev.orderstream.event.Position;
import dev.orderstream.event.api.EventResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivers the event log to merchants' endpoints. Two steps, each one run at a time per instance
 * ({@link CoalescingTask}) and safe with several instances:
 * <ol>
 *   <li><b>Fan-out</b>: events after the fan-out position in the log become deliveries, one per
 *   subscribed endpoint, in the transaction that moves the position (one instance at a time holds
 *   it). Woken by every commit, and by the poll.</li>
 *   <li><b>Dispatch</b>: due deliveries are claimed in the database for one attempt each (per
 *   endpoint and order only the earliest pending one, so an order's events arrive in
 *   {@code sequence} order), sent signed (Standard Webhooks), and the outcome written: acknowledged
 *   (2xx), or retried with exponential backoff and jitter ({@code Retry-After} on a 429 honoured),
 *   given up after {@code give-up-after}; a 410 disables the endpoint. A claim is a lease: an
 *   instance that dies mid-attempt leaves it to another once it runs out.</li>
 * </ol>
 * Nothing of it is held only in memory: an instance that stops loses no delivery. Under load both
 * steps give way to API requests ({@link DeliveryPacer}).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int FANOUT_BATCH = 500;
    private static final long CLAIM_COALESCING_MS = 5;
    private static final int RECORD_BATCH = 256;

    private final WebhookRepository webhooks;
    private final EventStore store;
    private final EventSignal signal;
    private final OrderstreamConfig.Webhooks config;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpClient http;
    private final EndpointAddresses addresses;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claimScheduled = new AtomicBoolean();
    private final Vertx vertx;
    private volatile boolean stopping;
    private volatile boolean anyEndpoint = true;
    private final AtomicBoolean pollDue = new AtomicBoolean(true);
    private final RequestLoad load;
    private final DeliveryPacer pacer;
    private final AtomicBoolean pacedClaim = new AtomicBoolean();
    private final AtomicBoolean pacedFanOut = new AtomicBoolean();

    private final CoalescingTask fanOut = new CoalescingTask(this::fanOutOnce,
            failure -> LOG.warnf("Creating webhook deliveries failed, retrying on the next wake: %s", failure.toString()));
    private final CoalescingTask dispatch = new CoalescingTask(this::dispatchOnce,
            failure -> LOG.warnf("Claiming webhook deliveries failed, retrying on the next wake: %s", failure.toString()));
    /** Attempts made and not yet written, each with who waits for its endpoint's streak. */
    private final Queue<Made> toRecord = new ConcurrentLinkedQueue<>();
    private final CoalescingTask recorder = new CoalescingTask(this::recordOnce,
            failure -> LOG.warnf("Recording webhook attempts failed: %s", failure.toString()));
    private final ObjectWriter messages;
    private final Map<String, io.micrometer.core.instrument.Timer> attemptTimers;
    private final io.micrometer.core.instrument.Timer lag;

    private record Made(WebhookRepository.Attempted attempted, UniEmitter<? super WebhookRepository.Streak> written) {
    }

    /** The body of a message: the event as the API shows it, and the endpoint it is for. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record Message(@JsonUnwrapped EventResponse event, String endpointId) {
    }

    public WebhookDispatcher(WebhookRepository webhooks, EventStore store, EventSignal signal, OrderstreamConfig config,
                             Clock clock, ObjectMapper json, Vertx vertx, io.micrometer.core.instrument.MeterRegistry metrics,
                             EndpointAddresses addresses, RequestLoad load) {
        this.addresses = addresses;
        this.load = load;
        this.pacer = new DeliveryPacer(config.webhooks().yieldAboveRequests(), config.webhooks().busyDeliveriesPerSecond());
        this.vertx = vertx;
        this.webhooks = webhooks;
        this.store = store;
        this.signal = signal;
        this.config = config.webhooks();
        this.clock = clock;
        this.json = json;
        if (config.webhooks().claimLease().compareTo(config.webhooks().timeout().plusSeconds(1)) <= 0) {
            // a claim that can run out while its attempt is still waiting for an answer would let a
            // second attempt of the same delivery start
            throw new IllegalArgumentException("orderstream.webhooks.claim-lease (" + config.webhooks().claimLease()
                    + ") must be longer than orderstream.webhooks.timeout (" + config.webhooks().timeout() + ") plus 1 s");
        }
        this.messages = json.writerFor(Message.class);
        this.attemptTimers = java.util.stream.Stream.of("acknowledged", "no-answer", "refused").collect(Collectors.toMap(
                Function.identity(), outcome -> io.micrometer.core.instrument.Timer.builder("orderstream.webhooks.attempts")
                        .description("Webhook delivery attempts and how long the endpoint took to answer")
                        .tag("outcome", outcome)
                        .register(metrics)));
        this.lag = io.micrometer.core.instrument.Timer.builder("orderstream.webhooks.delivery.lag")
                .description("From the event's delivery being created to its acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.webhooks().maxInFlight())
                .setConnectTimeout((int) config.webhooks().timeout().toMillis())
                .setKeepAlive(true));
    }

    void start(@Observes StartupEvent startup, Scheduler scheduler) {
        if (!config.enabled()) {
            return;
        }
        signal.onWake(fanOut::wake);
        scheduler.newJob("webhook-dispatch")
                .setInterval(config.pollInterval().toString())
                .setTask(execution -> {
                    pollDue.set(true);
                    wake();
                })
                .schedule();
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** Looks for new events and due deliveries now. */
    public void wake() {
        fanOut.wake();
        dispatch.wake();
    }

    // ---------------------------------------------------------------- fan-out

    /**
     * With no endpoint at all, a commit does not wake the fan-out (it would only move the position):
     * the poll does that, cheaply, to the log's head, so an endpoint gets what comes after it exists.
     */
    private Uni<Boolean> fanOutOnce() {
        boolean polled = pollDue.getAndSet(false);
        if (stopping || !anyEndpoint && !polled) {
            return Uni.createFrom().item(false);
        }
        DeliveryPacer.Pace pace = pacer.fanOut(FANOUT_BATCH, load.recentPeak(), System.nanoTime());
        if (pace.claim() == 0) {
            later(pacedFanOut, pace.waitNanos(), fanOut);
            return Uni.createFrom().item(false);
        }
        int limit = pace.claim();
        return webhooks.fanOut(clock.instant(), (from, any) -> eventsAfter(from, any, limit))
                .map(done -> {
                    if (done == null) {
                        return false; // another instance holds the position
                    }
                    anyEndpoint = done.anyEndpoint();
                    if (done.read() > 0) {
                        dispatch.wake();
                    }
                    // more to read: at once, or (while busy) when the pacer lets it
                    return done.read() == limit;
                });
    }

    private Uni<EventStore.Batch> eventsAfter(Optional<Position> from, boolean anyEndpoint, int limit) {
        // webhooks start with what comes next, not with the history before an endpoint existed
        return store.nextBatch(anyEndpoint ? from : Optional.empty(), limit);
    }

    /** An endpoint was registered here: fan out on every commit from now on. */
    void endpointRegistered() {
        anyEndpoint = true;
    }

    // ---------------------------------------------------------------- dispatch

    private Uni<Boolean> dispatchOnce() {
        int free = config.maxInFlight() - inFlight.get();
        if (stopping || free <= 0) {
            return Uni.createFrom().item(false);
        }
        DeliveryPacer.Pace pace = pacer.pace(free, load.recentPeak(), System.nanoTime());
        if (pace.claim() == 0) {
            later(pacedClaim, pace.waitNanos(), dispatch);
            return Uni.createFrom().item(false);
        }
        int room = pace.claim();
        Instant now = clock.instant();
        return webhooks.claimDue(now, config.maxInFlightPerEndpoint(), room, now.plus(config.claimLease()))
                .chain(claimed -> {
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    inFlight.addAndGet(claimed.size());
                    return store.byIds(claimed.stream().map(WebhookRepository.Claimed::eventId).distinct().toList())
                            .invoke(events -> {
                                Map<Long, OrderEvent> byId = events.stream()
                                        .collect(Collectors.toMap(OrderEvent::id, Function.identity()));
                                // each attempt on its own: a slow endpoint holds up no other delivery
                                claimed.forEach(delivery -> attempt(delivery, byId.get(delivery.eventId()))
                                        .onTermination().invoke(() -> {
                                            // its order's next event may be due now
                                            afterAttempt(inFlight.decrementAndGet());
                                        })
                                        .subscribe().with(done -> { }, failure -> LOG.warnf(
                                                "Recording webhook delivery %d failed (its claim runs out, then it is sent again): %s",
                                                delivery.id(), failure.toString())));
                            })
                            .onFailure().invoke(() -> inFlight.addAndGet(-claimed.size()))
                            .replaceWith(claimed.size() == room);
                });
    }

    /** Wakes {@code task} after {@code nanos}, once however often asked meanwhile. */
    private void later(AtomicBoolean scheduled, long nanos, CoalescingTask task) {
        if (scheduled.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, nanos / 1_000_000), id -> {
                scheduled.set(false);
                task.wake();
            });
        }
    }

    /**
     * Claims again once half the room is free, or a few milliseconds after the first attempt that
     * ends: claiming after every single attempt would cost a claim and an event read per delivery
     * under load, where one claim can take several. With little in flight it claims at once.
     */
    private void afterAttempt(int stillInFlight) {
        if (stillInFlight <= Math.max(1, config.maxInFlightPerEndpoint() / 2)) {
            dispatch.wake();
        } else if (claimScheduled.compareAndSet(false, true)) {
            vertx.setTimer(CLAIM_COALESCING_MS, id -> {
                claimScheduled.set(false);
                dispatch.wake();
            });
        }
    }

    private Uni<Void> attempt(WebhookRepository.Claimed delivery, OrderEvent event) {
        if (event == null) { // cannot happen while the log keeps every event; recorded rather than lost
            Instant now = clock.instant();
            return recorded(delivery, new WebhookRepository.Outcome(now, null, 0,
                    "event " + delivery.eventId() + " not in the log", null, "FAILED", now)).replaceWithVoid();
        }
        Instant start = clock.instant();
        long started = System.nanoTime();
        byte[] body = bodyOf(delivery, event);
        long timestamp = start.getEpochSecond();
        String messageId = String.valueOf(delivery.eventId());
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(delivery.endpoint().url())
                .setFollowRedirects(false)
                .setTimeout(config.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Orderstream-Webhooks/1")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", WebhookSignature.header(delivery.endpoint().signingSecrets(start),
                        messageId, timestamp, body))
                .putHeader("orderstream-sequence", String.valueOf(delivery.sequence()));
        if (delivery.orderId() != null) { // a bulk job's events are of no order
            request.putHeader("orderstream-order-id", delivery.orderId().toString());
        }
        return toPublicAddress(request, delivery.endpoint().url())
                .chain(http::request)
                .chain(sending -> sending.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(answer -> outcomeOf(delivery, start, started, response, answer)))
                .ifNoItem().after(config.timeout().plusSeconds(1)).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + config.timeout().toSeconds() + " s"))
                .onFailure().recoverWithItem(failure -> failed(delivery, start, started, null, describe(failure), null, null))
                .invoke(outcome -> {
                    boolean acknowledged = "SUCCEEDED".equals(outcome.status());
                    attemptTimers.get(acknowledged ? "acknowledged" : outcome.statusCode() == null ? "no-answer" : "refused")
                            .record(Duration.ofMillis(outcome.latencyMs()));
                    if (acknowledged) {
                        lag.record(Duration.between(delivery.createdAt(), clock.instant()));
                    }
                })
                .call(outcome -> recorded(delivery, outcome)
                        .chain(streak -> {
                            if (outcome.statusCode() != null && outcome.statusCode() == 410) {
                                return disable(delivery, "The endpoint answered 410 Gone", outcome.at());
                            }
                            if (streak.failures() >= config.failuresToDisable() && streak.since() != null
                                    && !streak.since().isAfter(outcome.at().minus(config.failingPeriodToDisable()))) {
                                return disable(delivery, streak.failures() + " failed attempts in a row since "
                                        + streak.since(), outcome.at());
                            }
                            return Uni.createFrom().voidItem();
                        }))
                .replaceWithVoid();
    }

    /**
     * Writes the attempt (with whatever other attempts ended meanwhile: one statement while another
     * is being written, so a busy endpoint costs a write per batch, not per attempt); answers its
     * endpoint's streak of failures after it.
     */
    private Uni<WebhookRepository.Streak> recorded(WebhookRepository.Claimed delivery, WebhookRepository.Outcome outcome) {
        return Uni.createFrom().emitter(written -> {
            toRecord.add(new Made(new WebhookRepository.Attempted(delivery, outcome), written));
            recorder.wake();
        });
    }

    private Uni<Boolean> recordOnce() {
        List<Made> batch = new ArrayList<>();
        for (Made made; batch.size() < RECORD_BATCH && (made = toRecord.poll()) != null; ) {
            batch.add(made);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return webhooks.record(batch.stream().map(Made::attempted).toList())
                .onItemOrFailure().transform((streaks, failure) -> {
                    for (Made made : batch) {
                        if (failure != null) {
                            made.written().fail(failure);
                        } else {
                            made.written().complete(streaks.getOrDefault(made.attempted().delivery().endpointId(),
                                    new WebhookRepository.Streak(0, null)));
                        }
                    }
                    return !toRecord.isEmpty();
                });
    }

    /** The circuit breaker (or a 410): the endpoint is disabled and its deliveries wait until it is enabled. */
    private Uni<Void> disable(WebhookRepository.Claimed delivery, String reason, Instant at) {
        LOG.warnf("Webhook endpoint %s disabled: %s", delivery.endpointId(), reason);
        return webhooks.disable(delivery.endpointId(), reason, at);
    }

    private WebhookRepository.Outcome outcomeOf(WebhookRepository.Claimed delivery, Instant start, long started,
                                                HttpClientResponse response, Buffer answer) {
        int status = response.statusCode();
        String excerpt = excerpt(answer);
        if (status >= 200 && status < 300) {
            return new WebhookRepository.Outcome(start, status, millisSince(started), null, excerpt, "SUCCEEDED", start);
        }
        Duration retryAfter = status == 429 || status == 503 ? retryAfter(response.getHeader("Retry-After")) : null;
        String error = status == 410 ? "gone: the endpoint is disabled"
                : status >= 500 || status == 429 ? "HTTP " + status : "HTTP " + status + " (a client error, retried like the rest)";
        return failed(delivery, start, started, status, error, excerpt, retryAfter);
    }

    private WebhookRepository.Outcome failed(WebhookRepository.Claimed delivery, Instant start, long started,
                                             Integer status, String error, String excerpt, Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter : backoff(delivery.attempt());
        Instant next = start.plus(wait);
        boolean givenUp = status != null && status == 410
                || next.isAfter(delivery.createdAt().plus(config.giveUpAfter()));
        return new WebhookRepository.Outcome(start, status, millisSince(started), error, excerpt,
                givenUp ? "FAILED" : "PENDING", givenUp ? start : next);
    }

    /** initial × 2^(attempt-1), at most max, ±20% jitter so a recovering endpoint is not hit all at once. */
    Duration backoff(int attempt) {
        double base = Math.min(config.maxBackoff().toMillis(),
                config.initialBackoff().toMillis() * Math.pow(2, Math.min(attempt - 1, 30)));
        return Duration.ofMillis((long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    private Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, config.giveUpAfter().toSeconds()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the usual backoff instead
        }
    }

    private byte[] bodyOf(WebhookRepository.Claimed delivery, OrderEvent event) {
        try {
            return messages.writeValueAsBytes(new Message(EventResponse.of(event), delivery.endpointId().toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String excerpt(Buffer answer) {
        if (answer == null || answer.length() == 0) {
            return null;
        }
        String text = answer.toString(StandardCharsets.UTF_8);
        return text.length() <= config.responseExcerpt() ? text : text.substring(0, config.responseExcerpt());
    }

    /**
     * Where production requests go: the host is resolved again now and must still be public
     * ({@link EndpointAddresses}), and the request connects to that very address (the URL's host
     * still names it in the Host header and for TLS), so DNS answering otherwise later changes nothing.
     */
    private Uni<RequestOptions> toPublicAddress(RequestOptions request, String url) {
        URI uri = URI.create(url);
        if (!addresses.mustBePublic(uri.getHost())) {
            return Uni.createFrom().item(request);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return addresses.publicAddressOf(uri.getHost())
                .map(address -> request.setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress())));
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static int millisSince(long nanos) {
        return (int) ((System.nanoTime() - nanos) / 1_000_000);
    }
}
