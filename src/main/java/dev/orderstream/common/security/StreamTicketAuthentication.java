package dev.orderstream.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * Authenticates a request by its {@code ?ticket=} (see {@link StreamTickets}), beside bearer tokens:
 * a request without one is left to the bearer mechanism; a request with one is the ticket's caller
 * if the ticket is valid for exactly this stream, and a 401 otherwise, wherever it is sent.
 */
@ApplicationScoped
public class StreamTicketAuthentication implements HttpAuthenticationMechanism {

    /** A ticket, and the stream it was presented to. */
    public static final class TicketRequest extends BaseAuthenticationRequest {
        final String ticket;
        final TicketedStream stream;

        TicketRequest(String ticket, TicketedStream stream) {
            this.ticket = ticket;
            this.stream = stream;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        List<String> tickets = context.queryParam(TicketedStream.TICKET);
        if (tickets.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        if (tickets.size() > 1) {
            return Uni.createFrom().failure(new AuthenticationFailedException("More than one stream ticket"));
        }
        var query = new java.util.HashMap<String, List<String>>();
        context.queryParams().names().forEach(name -> query.put(name, context.queryParam(name)));
        return identities.authenticate(new TicketRequest(tickets.get(0),
                TicketedStream.of(context.request().path(), query)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TicketRequest.class);
    }

    /** Verifies a ticket: CPU only (an HMAC), so on the calling thread. */
    @ApplicationScoped
    public static class Verifier implements IdentityProvider<TicketRequest> {

        private final StreamTickets tickets;

        public Verifier(StreamTickets tickets) {
            this.tickets = tickets;
        }

        @Override
        public Class<TicketRequest> getRequestType() {
            return TicketRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TicketRequest request, AuthenticationRequestContext context) {
            try {
                return Uni.createFrom().item(tickets.verify(request.ticket, request.stream));
            } catch (AuthenticationFailedException e) {
                return Uni.createFrom().failure(e);
            }
        }
    }
}
