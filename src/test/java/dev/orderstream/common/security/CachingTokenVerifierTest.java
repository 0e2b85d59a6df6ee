package dev.orderstream.common.security;

import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import io.quarkus.security.credential.TokenCredential;
import org.eclipse.microprofile.jwt.JsonWebToken;
import dev.orderstream.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The verified-token cache, with a clock the test moves and a validator that counts its calls. */
class CachingTokenVerifierTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aTokenIsVerifiedOnceAndThenAnsweredFromTheCache() {
        SecurityIdentity identity = identityExpiringAt(T0.plusSeconds(3600));
        CachingTokenVerifier verifier = verifier(() -> Uni.createFrom().item(identity), Duration.ofMinutes(5));

        assertSame(identity, authenticate(verifier, "token-a"));
        assertSame(identity, authenticate(verifier, "token-a"));
        assertSame(identity, authenticate(verifier, "token-a"));

        assertEquals(1, verifications.get());
    }

    @Test
    void anExpiredTokenIsVerifiedAgainEvenIfItWasCachedWhileValid() {
        SecurityIdentity identity = identityExpiringAt(T0.plusSeconds(10));
        AtomicInteger call = new AtomicInteger();
        CachingTokenVerifier verifier = verifier(() -> call.incrementAndGet() == 1
                ? Uni.createFrom().item(identity)
                : Uni.createFrom().failure(new AuthenticationFailedException("expired")), Duration.ofMinutes(5));
        assertSame(identity, authenticate(verifier, "short-lived"));
        clock.set(T0.plusSeconds(9));
        assertSame(identity, authenticate(verifier, "short-lived"), "still valid: from the cache");

        clock.set(T0.plusSeconds(10));

        assertThrows(AuthenticationFailedException.class, () -> authenticate(verifier, "short-lived"));
        assertEquals(2, verifications.get(), "checked against exp on the hit, then verified (and refused)");
    }

    @Test
    void noEntryOutlivesTheMaximumLifetime() {
        SecurityIdentity identity = identityExpiringAt(T0.plusSeconds(86_400));
        CachingTokenVerifier verifier = verifier(() -> Uni.createFrom().item(identity), Duration.ofMinutes(5));
        authenticate(verifier, "long-lived");

        clock.set(T0.plus(Duration.ofMinutes(5)));
        authenticate(verifier, "long-lived");

        assertEquals(2, verifications.get());
    }

    @Test
    void aTokenThatFailsIsNeverCached() {
        CachingTokenVerifier verifier = verifier(
                () -> Uni.createFrom().failure(new AuthenticationFailedException("bad signature")), Duration.ofMinutes(5));

        assertThrows(AuthenticationFailedException.class, () -> authenticate(verifier, "wrongly-signed"));
        assertThrows(AuthenticationFailedException.class, () -> authenticate(verifier, "wrongly-signed"));

        assertEquals(2, verifications.get(), "verified, and refused, every time");
    }

    @Test
    void aTokenWithoutExpiryIsNotCached() {
        SecurityIdentity identity = identityExpiringAt(null);
        CachingTokenVerifier verifier = verifier(() -> Uni.createFrom().item(identity), Duration.ofMinutes(5));

        authenticate(verifier, "no-exp");
        authenticate(verifier, "no-exp");

        assertEquals(2, verifications.get());
    }

    @Test
    void tokensAreToldApartByTheirWholeText() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        tokens.put("token-a", identityExpiringAt(T0.plusSeconds(60)));

        assertNull(tokens.get("token-b"));
        assertNull(tokens.get("token-a "));
    }

    // ---------------------------------------------------------------- fixtures

    private CachingTokenVerifier verifier(Supplier<Uni<SecurityIdentity>> validation, Duration maxLifetime) {
        MpJwtValidator validator = new MpJwtValidator() {
            @Override
            public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
                verifications.incrementAndGet();
                return validation.get();
            }
        };
        return new CachingTokenVerifier(validator, config(maxLifetime), clock);
    }

    private static SecurityIdentity authenticate(CachingTokenVerifier verifier, String token) {
        return verifier.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                .await().atMost(Duration.ofSeconds(5));
    }

    private static SecurityIdentity identityExpiringAt(Instant exp) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return exp == null ? Set.of("sub") : Set.of("sub", "exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                if ("exp".equals(claimName) && exp != null) {
                    return (T) Long.valueOf(exp.getEpochSecond());
                }
                return "sub".equals(claimName) ? (T) "someone" : null;
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("staff").build();
    }

    private static OrderstreamConfig config(Duration maxLifetime) {
        OrderstreamConfig.TokenCache cache = new OrderstreamConfig.TokenCache() {
            @Override
            public int maxSize() {
                return 100;
            }

            @Override
            public Duration maxLifetime() {
                return maxLifetime;
            }
        };
        return (OrderstreamConfig) java.lang.reflect.Proxy.newProxyInstance(OrderstreamConfig.class.getClassLoader(),
                new Class<?>[] {OrderstreamConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("security")) {
                        return new OrderstreamConfig.Security() {
                            @Override
                            public OrderstreamConfig.TokenCache tokenCache() {
                                return cache;
                            }

                            @Override
                            public OrderstreamConfig.StreamTickets streamTickets() {
                                throw new UnsupportedOperationException();
                            }
                        };
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
