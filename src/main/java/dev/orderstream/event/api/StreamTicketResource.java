package dev.orderstream.event.api;

import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.common.security.Roles;
import dev.orderstream.common.security.StreamTickets;
import dev.orderstream.common.security.TicketedStream;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stream tickets for browsers: an {@code EventSource} sends no {@code Authorization} header, so a
 * page trades its bearer token for a ticket to one stream and opens {@code url}. The ticket is
 * checked against the same access rules as the stream itself, here and again when the stream opens.
 */
@Path("/stream-tickets")
@Tag(name = "Events", description = "Stream tickets: short-lived credentials for streams a browser cannot send a bearer token to")
public class StreamTicketResource {

    private static final Pattern ORDER_STREAM = Pattern.compile("/orders/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/events");
    private static final String FEED = "/events";
    private static final Set<String> FEED_FILTERS = Set.of("customerId", "type");

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Body of createStreamTicket: the stream the ticket opens")
    public record StreamTicketRequest(
            @NotBlank @Size(max = 2048)
            @Schema(description = "The stream to open: its path and filters", examples = "/orders/0b7e…/events")
            String stream) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A short-lived ticket to pass as ?ticket= to a stream")
    public record StreamTicketResponse(
            @Schema(description = "Opens the stream as ?ticket=; short-lived") String ticket,
            @Schema(description = "The stream, as the ticket binds it") String stream,
            @Schema(description = "The stream's URL with the ticket, for new EventSource(url)") String url,
            Instant expiresAt) {
    }

    private final StreamTickets tickets;
    private final StreamAccess access;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public StreamTicketResource(StreamTickets tickets, StreamAccess access, SecurityIdentity identity,
                                HttpServerRequest http) {
        this.tickets = tickets;
        this.access = access;
        this.identity = identity;
        this.http = http;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CUSTOMER, Roles.STAFF})
    @Operation(operationId = "createStreamTicket", summary = "A short-lived ticket that opens one event stream, for a browser's EventSource",
            description = "The ticket opens the named stream (path and filters) as the caller, for a few minutes "
                    + "and never past the bearer token's expiry; the browser's reconnects reuse it. Any other "
                    + "request carrying it is refused (401).")
    @APIResponse(responseCode = "200", description = "The ticket and the URL to open",
            content = @Content(schema = @Schema(implementation = StreamTicketResponse.class)))
    @APIResponse(responseCode = "400", description = "Not an authenticated event stream",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown order, or another customer's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StreamTicketResponse> issue(@Valid @NotNull StreamTicketRequest request) {
        TicketedStream stream = parse(request.stream());
        var order = ORDER_STREAM.matcher(stream.path());
        return access.mayFollow(Caller.of(identity, http), order.matches() ? order.group(1) : null,
                        stream.filters().get("customerId"))
                .map(allowed -> {
                    StreamTickets.Issued issued = tickets.issue(identity, stream);
                    String canonical = stream.canonical();
                    String url = canonical + (canonical.contains("?") ? "&" : "?") + TicketedStream.TICKET + "="
                            + URLEncoder.encode(issued.ticket(), StandardCharsets.UTF_8);
                    return new StreamTicketResponse(issued.ticket(), canonical, url, issued.expiresAt());
                });
    }

    /** One of the authenticated streams, with only the filters it takes; anything else is a 400. */
    static TicketedStream parse(String stream) {
        URI uri;
        try {
            uri = new URI(stream.strip());
        } catch (URISyntaxException e) {
            throw notAStream("is not a URL path");
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                || uri.getFragment() != null) {
            throw notAStream("must be a path on this service, such as /orders/{id}/events");
        }
        String path = uri.getRawPath();
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        Set<String> allowed = ORDER_STREAM.matcher(path).matches() ? Set.of() : FEED.equals(path) ? FEED_FILTERS : null;
        if (allowed == null) {
            throw notAStream("must be /orders/{id}/events or /events; tracking streams need no ticket");
        }
        for (String name : query.keySet()) {
            if (!allowed.contains(name) && !"since".equals(name)) {
                throw notAStream("takes no parameter " + name);
            }
        }
        if (query.containsKey("since")) {
            throw notAStream("is where the stream resumes, not part of it: add since (or Last-Event-ID) when opening it");
        }
        return TicketedStream.of(path, query);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notAStream("has a malformed query");
        }
    }

    private static BadRequestProblem notAStream(String why) {
        return new BadRequestProblem("Not an event stream", "stream " + why, "stream");
    }
}
