package dev.orderstream.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Bearer tokens this service verified, so that a client sending the same token again is not
 * verified again (an RSA signature check per request was 10% of the CPU under load). Keyed by the
 * token's SHA-256, never the token itself; bounded in size; an entry lives no longer than its
 * token's {@code exp} nor than {@code maxLifetime}, and every hit checks {@code exp} again. Only
 * successes are remembered: a token that failed verification is verified again every time.
 */
public final class VerifiedTokens {

    private record Verified(SecurityIdentity identity, long expiresAtMillis) {
    }

    /** The service's clock ticks in microseconds; its millis() divides by zero (a JDK 17 bug), instant() does not. */
    private final Clock clock;
    private final long maxLifetimeMillis;
    private final Cache<String, Verified> verified;

    public VerifiedTokens(int maxSize, Duration maxLifetime, Clock clock) {
        this.clock = clock;
        this.maxLifetimeMillis = maxLifetime.toMillis();
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        return Duration.ofMillis(Math.max(0, value.expiresAtMillis() - clock.instant().toEpochMilli())).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The identity a still-valid token was verified as, or null: verify it then. */
    public SecurityIdentity get(String token) {
        String key = keyOf(token);
        Verified hit = verified.getIfPresent(key);
        if (hit == null) {
            return null;
        }
        if (hit.expiresAtMillis() <= clock.instant().toEpochMilli()) {
            verified.invalidate(key);
            return null;
        }
        return hit.identity();
    }

    /** Remembers a token that verified, until its {@code exp} (or the maximum lifetime) comes. */
    public void put(String token, SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || !(jwt.getClaim("exp") instanceof Number exp)) {
            return; // no expiry to bound the entry by: not remembered
        }
        long now = clock.instant().toEpochMilli();
        long expiresAt = Math.min(exp.longValue() * 1000, now + maxLifetimeMillis);
        if (expiresAt > now) {
            verified.put(keyOf(token), new Verified(identity, expiresAt));
        }
    }

    private static String keyOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
