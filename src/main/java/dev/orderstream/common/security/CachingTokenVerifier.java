package dev.orderstream.common.security;

import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Verifies bearer tokens through SmallRye JWT's own validator, once per token: it runs before that
 * validator (a higher priority; the first provider with an answer wins) and answers a token it
 * verified before from {@link VerifiedTokens}.
 * A token that fails is refused by the validator, as without this class, and is not remembered.
 */
@ApplicationScoped
public class CachingTokenVerifier implements IdentityProvider<TokenAuthenticationRequest> {

    private final MpJwtValidator validator;
    private final VerifiedTokens verified;

    public CachingTokenVerifier(MpJwtValidator validator, OrderstreamConfig config, Clock clock) {
        this.validator = validator;
        OrderstreamConfig.TokenCache cache = config.security().tokenCache();
        this.verified = new VerifiedTokens(cache.maxSize(), cache.maxLifetime(), clock);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before SmallRye JWT's validator, which has the default priority and would verify every time. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 2;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        SecurityIdentity known = verified.get(token);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return validator.authenticate(request, context)
                .invoke(identity -> {
                    if (identity != null) {
                        verified.put(token, identity);
                    }
                });
    }
}
