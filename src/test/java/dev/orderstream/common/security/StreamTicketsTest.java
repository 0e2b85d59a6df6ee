package dev.orderstream.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.support.MutableClock;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Stream tickets on their own: what they bind, how long they last, what breaks them. */
class StreamTicketsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);
    private static final TicketedStream ORDER = TicketedStream.of("/orders/o-1/events", Map.of());
    private static final TicketedStream FEED = TicketedStream.of("/events",
            Map.of("type", List.of("order.paid"), "customerId", List.of("c-1")));

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aTicketIsItsCallerForItsStreamWithTheSameRoles() {
        StreamTickets tickets = tickets(Optional.of(SECRET));
        StreamTickets.Issued issued = tickets.issue(customer("c-1"), ORDER);
        assertEquals(T0.plus(Duration.ofMinutes(5)), issued.expiresAt());
        SecurityIdentity identity = tickets.verify(issued.ticket(), ORDER);
        assertEquals("c-1", identity.getPrincipal().getName());
        assertEquals(Set.of(Roles.CUSTOMER), identity.getRoles());
    }

    @Test
    void filtersBindInAnyOrderAndWhereTheStreamResumesIsNotPartOfIt() {
        StreamTickets tickets = tickets(Optional.of(SECRET));
        String ticket = tickets.issue(customer("c-1"), FEED).ticket();
        TicketedStream reordered = TicketedStream.of("/events", new java.util.LinkedHashMap<>(Map.of(
                "customerId", List.of("c-1"), "since", List.of("42"), "ticket", List.of(ticket),
                "type", List.of("order.paid"))));
        assertEquals("c-1", tickets.verify(ticket, reordered).getPrincipal().getName());
        assertThrows(AuthenticationFailedException.class, () -> tickets.verify(ticket,
                TicketedStream.of("/events", Map.of("customerId", List.of("c-1")))), "a filter dropped");
        assertThrows(AuthenticationFailedException.class, () -> tickets.verify(ticket,
                TicketedStream.of("/events", Map.of("customerId", List.of("c-2"), "type", List.of("order.paid")))));
        assertThrows(AuthenticationFailedException.class, () -> tickets.verify(ticket, ORDER));
    }

    @Test
    void aTicketWorksUntilItExpiresAndNotAfter() {
        StreamTickets tickets = tickets(Optional.of(SECRET));
        String ticket = tickets.issue(customer("c-1"), ORDER).ticket();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertNotNull(tickets.verify(ticket, ORDER), "reconnects keep working while it is valid");
        clock.advance(Duration.ofSeconds(1));
        assertThrows(AuthenticationFailedException.class, () -> tickets.verify(ticket, ORDER));
    }

    @Test
    void aTicketNeverOutlivesTheBearerTokenItWasIssuedFor() {
        StreamTickets tickets = tickets(Optional.of(SECRET));
        SecurityIdentity expiringSoon = QuarkusSecurityIdentity.builder()
                .setPrincipal(new TestJwt("c-1", T0.plusSeconds(30).getEpochSecond()))
                .addRole(Roles.CUSTOMER).build();
        StreamTickets.Issued issued = tickets.issue(expiringSoon, ORDER);
        assertEquals(T0.plusSeconds(30), issued.expiresAt());
        clock.advance(Duration.ofSeconds(30));
        assertThrows(AuthenticationFailedException.class, () -> tickets.verify(issued.ticket(), ORDER));
    }

    @Test
    void anotherInstanceWithTheSameSecretTakesTheTicketOneWithoutItDoesNot() {
        String ticket = tickets(Optional.of(SECRET)).issue(customer("c-1"), ORDER).ticket();
        assertNotNull(tickets(Optional.of(SECRET)).verify(ticket, ORDER));
        assertThrows(AuthenticationFailedException.class, () -> tickets(Optional.empty()).verify(ticket, ORDER));
        assertThrows(IllegalArgumentException.class, () -> tickets(Optional.of("c2hvcnQ=")), "a short secret");
    }

    @Test
    void changedClaimsBreakTheSignature() {
        StreamTickets tickets = tickets(Optional.of(SECRET));
        String ticket = tickets.issue(customer("c-1"), ORDER).ticket();
        String claims = new String(Base64.getUrlDecoder().decode(ticket.substring(0, ticket.indexOf('.'))));
        String asStaff = claims.replace("\"" + Roles.CUSTOMER + "\"", "\"" + Roles.STAFF + "\"");
        assertNotEquals(claims, asStaff);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(asStaff.getBytes())
                + ticket.substring(ticket.indexOf('.'));
        assertThrows(AuthenticationFailedException.class, () -> tickets.verify(forged, ORDER));
    }

    private StreamTickets tickets(Optional<String> secret) {
        OrderstreamConfig.StreamTickets settings = new OrderstreamConfig.StreamTickets() {
            @Override
            public Duration ttl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Optional<String> secret() {
                return secret;
            }
        };
        OrderstreamConfig config = (OrderstreamConfig) java.lang.reflect.Proxy.newProxyInstance(
                OrderstreamConfig.class.getClassLoader(), new Class<?>[] {OrderstreamConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("security")) {
                        return new OrderstreamConfig.Security() {
                            @Override
                            public OrderstreamConfig.TokenCache tokenCache() {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public OrderstreamConfig.StreamTickets streamTickets() {
                                return settings;
                            }
                        };
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new StreamTickets(config, clock, new ObjectMapper());
    }

    private static SecurityIdentity customer(String id) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(id)).addRole(Roles.CUSTOMER).build();
    }

    /** A bearer token's principal: its subject and its expiry. */
    private record TestJwt(String subject, long exp) implements org.eclipse.microprofile.jwt.JsonWebToken {
        @Override
        public String getName() {
            return "upn-of-" + subject;
        }

        @Override
        public String getSubject() {
            return subject;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("sub", "exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) (claimName.equals("exp") ? (Object) exp : claimName.equals("sub") ? subject : null);
        }
    }
}
