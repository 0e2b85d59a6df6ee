package dev.orderstream.common.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Short-lived stream tickets, for a browser's {@code EventSource}, which cannot send an
 * {@code Authorization} header: an authenticated caller trades its bearer token for a ticket that
 * opens one stream (its path and filters, see {@link TicketedStream}) as that caller, with the same
 * roles, for {@code orderstream.security.stream-tickets.ttl} and never past the token's own expiry.
 * The browser's automatic reconnects reuse the same URL, so they work while the ticket does.
 * <p>
 * A ticket is {@code base64url(claims).base64url(HMAC-SHA256(claims))}: any instance sharing the
 * secret verifies it without a lookup, and nothing of it is stored.
 */
@ApplicationScoped
public class StreamTickets {

    /** What a ticket says: who, with which roles, for which stream, until when (epoch seconds). */
    @RegisterForReflection // read and written by Jackson, in the native executable too
    record Claims(String sub, Set<String> roles, String stream, long exp) {
    }

    public record Issued(String ticket, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final ObjectMapper json;

    public StreamTickets(OrderstreamConfig config, Clock clock, ObjectMapper json) {
        OrderstreamConfig.StreamTickets tickets = config.security().streamTickets();
        byte[] secret = tickets.secret().map(value -> Base64.getDecoder().decode(value.strip()))
                .orElseGet(StreamTickets::randomKey);
        if (secret.length < 32) {
            throw new IllegalArgumentException("orderstream.security.stream-tickets.secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = tickets.ttl();
        this.clock = clock;
        this.json = json;
    }

    /** A ticket that opens {@code stream} as {@code identity}. */
    public Issued issue(SecurityIdentity identity, TicketedStream stream) {
        Instant expiresAt = clock.instant().plus(ttl);
        String subject = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            if (jwt.getSubject() != null) {
                subject = jwt.getSubject();
            }
            if (jwt.getExpirationTime() > 0 && Instant.ofEpochSecond(jwt.getExpirationTime()).isBefore(expiresAt)) {
                expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
            }
        }
        Claims claims = new Claims(subject, identity.getRoles(), stream.canonical(), expiresAt.getEpochSecond());
        try {
            String body = ENCODER.encodeToString(json.writeValueAsBytes(claims));
            return new Issued(body + "." + ENCODER.encodeToString(sign(body)), Instant.ofEpochSecond(claims.exp()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The caller a ticket was issued to, if it is genuine, unexpired and for {@code stream}; otherwise
     * an authentication failure (401), saying nothing of which check failed.
     */
    public SecurityIdentity verify(String ticket, TicketedStream stream) {
        int dot = ticket.indexOf('.');
        if (dot <= 0 || dot != ticket.lastIndexOf('.')) {
            throw refused();
        }
        String body = ticket.substring(0, dot);
        Claims claims;
        try {
            if (!MessageDigest.isEqual(sign(body), DECODER.decode(ticket.substring(dot + 1)))) {
                throw refused();
            }
            claims = json.readValue(DECODER.decode(body), Claims.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw refused();
        }
        if (claims.exp() <= clock.instant().getEpochSecond() || !stream.canonical().equals(claims.stream())
                || claims.sub() == null || claims.roles() == null) {
            throw refused();
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(claims.sub()))
                .addRoles(claims.roles())
                .build();
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthenticationFailedException refused() {
        return new AuthenticationFailedException("Invalid or expired stream ticket");
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
