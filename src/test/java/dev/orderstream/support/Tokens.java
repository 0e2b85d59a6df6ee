package dev.orderstream.support;

import dev.orderstream.common.security.Roles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens for tests, signed with the dev key pair in {@code config/dev-keys} (the one the
 * test profile trusts), plus the bad ones: expired, and signed with a key nobody trusts.
 */
public final class Tokens {

    public static final String ISSUER = "https://orderstream.dev";
    public static final Path PUBLIC_KEY = Path.of("config", "dev-keys", "publicKey.pem");
    private static final Path PRIVATE_KEY = Path.of("config", "dev-keys", "privateKey.pem");
    private static final PrivateKey KEY = load();
    private static final String STAFF = token("staff-1", Roles.STAFF, Duration.ofHours(6));

    private Tokens() {
    }

    public static String staff() {
        return STAFF;
    }

    public static String service() {
        return token("payments-service", Roles.SERVICE, Duration.ofHours(1));
    }

    /** A customer's token: its subject is the customer id. */
    public static String customer(String customerId) {
        return token(customerId, Roles.CUSTOMER, Duration.ofHours(1));
    }

    public static String token(String subject, String role, Duration lifetime) {
        return Jwt.issuer(ISSUER).subject(subject).groups(role).expiresIn(lifetime).sign(KEY);
    }

    public static String expired(String subject, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject(subject).groups(role)
                .issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1)))
                .sign(KEY);
    }

    /** Well formed and unexpired, but signed by a key this service does not trust. */
    public static String wronglySigned(String subject, String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey stranger = generator.generateKeyPair().getPrivate();
            return Jwt.issuer(ISSUER).subject(subject).groups(role).expiresIn(Duration.ofHours(1)).sign(stranger);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static PrivateKey load() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(PRIVATE_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
