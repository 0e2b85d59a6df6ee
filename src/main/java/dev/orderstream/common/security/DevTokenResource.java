package dev.orderstream.common.security;

import dev.orderstream.common.problem.BadRequestProblem;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Mints bearer tokens signed with the dev key pair ({@code config/dev-keys}), so a developer can try
 * every role: {@code POST /dev/tokens?subject=cust-42&role=customer}. Built into the dev and test
 * profiles only: the production build does not contain this endpoint.
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@Path("/dev/tokens")
@Tag(name = "Development", description = "Dev and test builds only")
public class DevTokenResource {

    private static final Set<String> ROLES = Set.of(Roles.CUSTOMER, Roles.STAFF, Roles.SERVICE);

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @POST
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "mintDevToken", summary = "A signed token for a subject and a role (customer: the subject is the customer id)")
    public String mint(@QueryParam("subject") String subject,
                       @QueryParam("role") String role,
                       @QueryParam("ttl") @DefaultValue("PT1H") String ttl) {
        if (subject == null || subject.isBlank()) {
            throw new BadRequestProblem("Missing subject", "subject is required", "subject");
        }
        if (role == null || !ROLES.contains(role)) {
            throw new BadRequestProblem("Invalid role", "role must be one of " + ROLES, "role");
        }
        Duration lifetime;
        try {
            lifetime = Duration.parse(ttl);
        } catch (DateTimeParseException e) {
            throw new BadRequestProblem("Invalid ttl", "ttl must be an ISO-8601 duration such as PT1H", "ttl");
        }
        return Jwt.issuer(issuer).subject(subject).groups(role).expiresIn(lifetime).sign();
    }
}
