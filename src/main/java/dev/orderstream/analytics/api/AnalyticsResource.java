package dev.orderstream.analytics.api;

import dev.orderstream.analytics.AnalyticsService;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Figures from the event log's rollups (README "Analytics"): staff only. */
@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics", description = "Figures projected from the event log: sales per day, week or month")
@RolesAllowed(Roles.STAFF)
public class AnalyticsResource {

    private static final int MAX_DAYS = 3660;

    private final AnalyticsService analytics;
    private final Clock clock;
    private final java.time.ZoneId zone;

    public AnalyticsResource(AnalyticsService analytics, Clock clock, dev.orderstream.common.OrderstreamConfig config) {
        this.analytics = analytics;
        this.clock = clock;
        this.zone = config.analytics().zone();
    }

    @GET
    @Path("/sales")
    @Operation(operationId = "getSales", summary = "Orders placed, confirmed, cancelled and expired, units sold, "
            + "gross revenue, refunds, net revenue and average order value, per period and currency")
    @APIResponse(responseCode = "200", description = "The figures (see the Period schema for what each counts)",
            content = @Content(schema = @Schema(implementation = SalesReport.class)))
    @APIResponse(responseCode = "400", description = "An invalid date, range or groupBy (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SalesReport> sales(@Parameter(description = "First day (ISO date, in the store's zone); default: 29 days before to")
                                  @QueryParam("from") String from,
                                  @Parameter(description = "Last day, inclusive; default: today") @QueryParam("to") String to,
                                  @Parameter(description = "Only this sales channel") @QueryParam("channel") String channel,
                                  @Parameter(description = "day (the default), week or month") @QueryParam("groupBy") String groupBy) {
        List<BadRequestProblem.FieldError> errors = new ArrayList<>();
        LocalDate last = date("to", to, LocalDate.now(clock.withZone(zone)), errors);
        LocalDate first = date("from", from, last == null ? null : last.minusDays(29), errors);
        AnalyticsService.GroupBy grouping = null;
        try {
            grouping = AnalyticsService.GroupBy.valueOf((groupBy == null ? "day" : groupBy).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new BadRequestProblem.FieldError("groupBy", "must be day, week or month"));
        }
        if (first != null && last != null && (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) > MAX_DAYS)) {
            errors.add(new BadRequestProblem.FieldError("from", "must be on or before to, at most " + MAX_DAYS + " days before it"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("Invalid query", "The query has " + errors.size() + " invalid parameter(s)", errors);
        }
        return analytics.sales(first, last, channel, grouping);
    }

    @POST
    @Path("/rebuild")
    @Operation(operationId = "rebuildAnalytics", summary = "Recompute every figure from the event log from scratch "
            + "(the projector starts over; the figures fill up again within seconds)")
    @APIResponse(responseCode = "202", description = "The rollups are cleared; the projector counts the whole log again")
    public Uni<Response> rebuild() {
        return analytics.rebuild().replaceWith(Response.accepted().build());
    }

    private static LocalDate date(String name, String value, LocalDate otherwise, List<BadRequestProblem.FieldError> errors) {
        if (value == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new BadRequestProblem.FieldError(name, "must be an ISO date such as 2026-12-01"));
            return null;
        }
    }
}
