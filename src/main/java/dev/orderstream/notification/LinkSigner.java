package dev.orderstream.notification;

import dev.orderstream.common.OrderstreamConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs and checks the tokens of the links in emails (unsubscribe, checkout recovery): {@code
 * base64url(purpose|subject|expiry)} + "." + {@code base64url(HMAC-SHA256)} with
 * {@code orderstream.notifications.link-key}. A token names what it is for, so an unsubscribe token
 * never recovers a checkout; a changed byte, another purpose or an expired one is refused.
 */
@ApplicationScoped
public class LinkSigner {

    private static final Logger LOG = Logger.getLogger(LinkSigner.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public LinkSigner(OrderstreamConfig config) {
        byte[] secret = config.notifications().linkKey()
                .map(text -> text.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warn("orderstream.notifications.link-key is not set: unsubscribe and recovery links are signed"
                            + " with a random key and stop working when this process restarts");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        if (secret.length < 32) {
            throw new IllegalStateException("orderstream.notifications.link-key needs at least 32 characters");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A token for {@code subject} (a customer id, an order id), valid for {@code purpose} until {@code expiresAt} (null: always). */
    public String sign(String purpose, String subject, Instant expiresAt) {
        String payload = purpose + "|" + subject + "|" + (expiresAt == null ? "" : Long.toString(expiresAt.getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The subject of a genuine, unexpired token for {@code purpose}; empty for anything else. */
    public Optional<String> verify(String purpose, String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        // purpose|subject|expiry: the subject (a customer id) may hold a '|' itself
        String text = new String(payload, StandardCharsets.UTF_8);
        int first = text.indexOf('|');
        int last = text.lastIndexOf('|');
        if (first < 0 || last == first || !text.substring(0, first).equals(purpose)) {
            return Optional.empty();
        }
        String expiry = text.substring(last + 1);
        if (!expiry.isEmpty() && now.getEpochSecond() > Long.parseLong(expiry)) {
            return Optional.empty();
        }
        return Optional.of(text.substring(first + 1, last));
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
