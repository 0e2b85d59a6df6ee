package dev.orderstream.common.security;

import dev.orderstream.common.problem.NotFoundProblem;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is calling, as the authorization rules need it: staff and services act on any order, a
 * customer only on its own (its token's subject), and another customer's order is answered as if
 * it did not exist.
 */
public record Caller(boolean staff, boolean service, Optional<String> customerId) {

    public static Caller of(SecurityIdentity identity) {
        Optional<String> customer = Optional.empty();
        if (identity.hasRole(Roles.CUSTOMER)) {
            Principal principal = identity.getPrincipal();
            String subject = principal instanceof JsonWebToken jwt ? jwt.getSubject() : principal.getName();
            customer = Optional.ofNullable(subject);
        }
        return new Caller(identity.hasRole(Roles.STAFF), identity.hasRole(Roles.SERVICE), customer);
    }

    /** Whether the caller may see an order of {@code owner}: staff, services, or the owner itself. */
    public boolean mayAccess(String owner) {
        return staff || service || customerId.map(owner::equals).orElse(false);
    }

    /** Like {@link #mayAccess} for customers only: services do not list or stream orders. */
    public boolean mayFollow(String owner) {
        return staff || customerId.map(owner::equals).orElse(false);
    }

    /** Throws the same 404 an unknown order gets unless the caller may access it. */
    public void requireAccess(String owner, Object orderId) {
        if (!mayAccess(owner)) {
            throw new NotFoundProblem("Order", orderId);
        }
    }
}
