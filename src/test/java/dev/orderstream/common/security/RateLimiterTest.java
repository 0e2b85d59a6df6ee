package dev.orderstream.common.security;

import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.common.problem.TooManyRequestsProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** The token buckets behind the 429s, with time in our hands. */
class RateLimiterTest {

    private static OrderstreamConfig.RateLimit limits(boolean enabled, int placements, int lookups) {
        return new OrderstreamConfig.RateLimit() {
            public boolean enabled() {
                return enabled;
            }

            public int placementRequests() {
                return placements;
            }

            public Duration placementPeriod() {
                return Duration.ofMinutes(1);
            }

            public int trackingRequests() {
                return lookups;
            }

            public Duration trackingPeriod() {
                return Duration.ofMinutes(1);
            }
        };
    }

    @Test
    void aBucketAllowsItsBurstThenOneCallPerRefill() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(3, Duration.ofSeconds(3));
        long now = System.nanoTime();
        assertEquals(0, bucket.take(now));
        assertEquals(0, bucket.take(now));
        assertEquals(0, bucket.take(now));
        long wait = bucket.take(now);
        assertTrue(wait > 0 && wait <= Duration.ofSeconds(1).toNanos(), "one token comes back per second: " + wait);
        assertEquals(0, bucket.take(now + Duration.ofSeconds(1).toNanos()), "refilled after a second");
        assertTrue(bucket.take(now + Duration.ofSeconds(1).toNanos()) > 0);
        assertTrue(bucket.isFull(now + Duration.ofSeconds(10).toNanos()), "never more than the burst");
    }

    @Test
    void clientsAndKindsHaveBucketsOfTheirOwn() {
        RateLimiter limiter = new RateLimiter(limits(true, 2, 1));
        limiter.check(RateLimiter.Kind.PLACEMENT, "sub:a");
        limiter.check(RateLimiter.Kind.PLACEMENT, "sub:a");
        TooManyRequestsProblem refused = assertThrows(TooManyRequestsProblem.class,
                () -> limiter.check(RateLimiter.Kind.PLACEMENT, "sub:a"));
        assertEquals(429, refused.status());
        assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 30);
        limiter.check(RateLimiter.Kind.PLACEMENT, "sub:b");
        limiter.check(RateLimiter.Kind.TRACKING, "sub:a");
        assertThrows(TooManyRequestsProblem.class, () -> limiter.check(RateLimiter.Kind.TRACKING, "sub:a"));
    }

    @Test
    void switchedOffItNeverRefuses() {
        RateLimiter limiter = new RateLimiter(limits(false, 1, 1));
        for (int i = 0; i < 100; i++) {
            limiter.check(RateLimiter.Kind.PLACEMENT, "sub:a");
            limiter.check(RateLimiter.Kind.TRACKING, "ip:10.0.0.1");
        }
    }
}
