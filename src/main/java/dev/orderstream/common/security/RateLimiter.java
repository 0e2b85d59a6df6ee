package dev.orderstream.common.security;

import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.problem.TooManyRequestsProblem;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token-bucket rate limits per client, held in memory by each instance (so behind a load balancer
 * with N instances a client gets at most N times the limit). A refused call is a 429 with
 * {@code Retry-After}. Never blocks: each check is a few arithmetic operations under the bucket's
 * own monitor.
 */
@ApplicationScoped
public class RateLimiter {

    /** What is limited. */
    public enum Kind {
        PLACEMENT("placement"), TRACKING("tracking");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final OrderstreamConfig.RateLimit config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public RateLimiter(OrderstreamConfig config) {
        this(config.rateLimit());
    }

    RateLimiter(OrderstreamConfig.RateLimit config) {
        this.config = config;
    }

    /** Takes one call from the caller's bucket of {@code kind}, or throws a 429; staff and services are not limited. */
    public void check(Kind kind, Caller caller) {
        if (!caller.isBackOffice()) {
            check(kind, caller.client());
        }
    }

    /** Takes one call from {@code client}'s bucket of {@code kind}, or throws a 429. */
    void check(Kind kind, String client) {
        if (!config.enabled()) {
            return;
        }
        int requests = kind == Kind.PLACEMENT ? config.placementRequests() : config.trackingRequests();
        Duration period = kind == Kind.PLACEMENT ? config.placementPeriod() : config.trackingPeriod();
        Bucket bucket = buckets.computeIfAbsent(kind.label + '|' + client, key -> new Bucket(requests, period));
        long waitNanos = bucket.take(System.nanoTime());
        if (waitNanos > 0) {
            throw new TooManyRequestsProblem(kind.label, Duration.ofNanos(waitNanos));
        }
    }

    /** Forgets buckets that have filled up again, so memory follows the active clients only. */
    @Scheduled(identity = "rate-limit-prune", every = "1m")
    void prune() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }

    static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int requests, Duration period) {
            this.capacity = requests;
            this.perNano = requests / (double) period.toNanos();
            this.tokens = requests;
            this.last = System.nanoTime();
        }

        /** Takes a token; 0 when one was there, else how long until one will be. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
