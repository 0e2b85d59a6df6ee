package dev.orderstream.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is calling, as the use cases need it: staff and services act on any order, a customer only on
 * its own (its token's subject), and another customer's order is answered as if it did not exist.
 * {@code client} tells callers apart for rate limits: a token's subject, or an anonymous caller's
 * address (the forwarded one when {@code quarkus.http.proxy.proxy-address-forwarding} is on behind a
 * trusted proxy).
 */
public record Caller(boolean staff, boolean service, Optional<String> customerId, String client) {

    public static Caller of(SecurityIdentity identity, HttpServerRequest request) {
        if (identity == null || identity.isAnonymous()) {
            return anonymous(request);
        }
        Optional<String> customer = Optional.empty();
        if (identity.hasRole(Roles.CUSTOMER)) {
            Principal principal = identity.getPrincipal();
            String subject = principal instanceof JsonWebToken jwt ? jwt.getSubject() : principal.getName();
            customer = Optional.ofNullable(subject);
        }
        return new Caller(identity.hasRole(Roles.STAFF), identity.hasRole(Roles.SERVICE), customer,
                "sub:" + identity.getPrincipal().getName());
    }

    /** Someone without a token (public tracking): known by address only. */
    public static Caller anonymous(HttpServerRequest request) {
        String address = request == null || request.remoteAddress() == null
                ? "unknown" : request.remoteAddress().hostAddress();
        return new Caller(false, false, Optional.empty(), "ip:" + address);
    }

    /** Whether the caller may see an order of {@code owner}: staff, services, or the owner itself. */
    public boolean mayAccess(String owner) {
        return staff || service || customerId.map(owner::equals).orElse(false);
    }

    /** Like {@link #mayAccess} for customers only: services do not list or stream orders. */
    public boolean mayFollow(String owner) {
        return staff || customerId.map(owner::equals).orElse(false);
    }

    /**
     * Whose Idempotency-Keys these are: the roles the caller acts in and its token's subject (or an
     * anonymous caller's address). Staff acting for a customer keep their own scope.
     */
    public String idempotencyScope() {
        String roles = (staff ? "staff," : "") + (service ? "service," : "") + (customerId.isPresent() ? "customer," : "");
        return (roles.isEmpty() ? "anonymous" : roles.substring(0, roles.length() - 1)) + " " + client;
    }

    /** Staff and services are trusted back-office callers: no per-client limits. */
    public boolean isBackOffice() {
        return staff || service;
    }
}
