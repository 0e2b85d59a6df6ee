package dev.orderstream.analytics.api;

import dev.orderstream.analytics.AnalyticsService;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
@Tag(name = "Analytics", description = "Figures projected from the event log: sales, lead times, shipping and delivery, stock and post-sale figures per day, week or month; each also as CSV (Accept: text/csv)")
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
    @APIResponse(responseCode = "200", description = "The figures (see the Period schema for what each counts); as CSV "
            + "for Accept: text/csv, a row per period and currency with the columns " + AnalyticsCsv.SALES_COLUMNS
            + " (money in minor units and as a decimal)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SalesReport.class)),
                    @Content(mediaType = AnalyticsCsv.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An invalid date, range or groupBy (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SalesReport> sales(@BeanParam ReportQuery asked) {
        Query query = query(asked);
        return analytics.sales(query.first(), query.last(), query.channel(), query.groupBy());
    }

    /** The same report as a spreadsheet (Accept: text/csv), documented with getSales. */
    @GET
    @Path("/sales")
    @Produces(AnalyticsCsv.CSV)
    @Operation(hidden = true)
    public Uni<Response> salesCsv(@BeanParam ReportQuery asked) {
        return sales(asked).map(report -> csv(AnalyticsCsv.sales(report), "sales-" + report.from() + "-" + report.to()
                        + "-" + report.groupBy()));
    }

    /** A CSV answer, as a download named {@code name}.csv. */
    private static Response csv(String body, String name) {
        return Response.ok(body).type(AnalyticsCsv.CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    @GET
    @Path("/post-sale")
    @Operation(operationId = "getPostSale", summary = "Cancellations by reason and their rate, refunds by reason, returns "
            + "(receipts, orders and units, rates, top SKUs), feedback (average and distribution), abandoned and recovered "
            + "checkouts, over a range of days; with groupBy also per day, week or month")
    @APIResponse(responseCode = "200", description = "The figures (see the PostSaleReport schema for what each counts); as "
            + "CSV for Accept: text/csv, a row per figure (and label) with the columns " + AnalyticsCsv.POST_SALE_COLUMNS
            + " (the whole range's rows with an empty period, then each period's with groupBy)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PostSaleReport.class)),
                    @Content(mediaType = AnalyticsCsv.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An invalid date, range or groupBy (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PostSaleReport> postSale(@BeanParam ReportQuery asked) {
        Query query = query(asked);
        return analytics.postSale(query.first(), query.last(), query.channel(), query.grouping());
    }

    /** The same report as a spreadsheet (Accept: text/csv), documented with getPostSale. */
    @GET
    @Path("/post-sale")
    @Produces(AnalyticsCsv.CSV)
    @Operation(hidden = true)
    public Uni<Response> postSaleCsv(@BeanParam ReportQuery asked) {
        return postSale(asked).map(report -> csv(AnalyticsCsv.postSale(report), "post-sale-" + report.from() + "-" + report.to()));
    }

    @GET
    @Path("/stock")
    @Operation(operationId = "getStock", summary = "Top sellers (units of confirmed orders by SKU), SKUs sold out (an order "
            + "took their last available units) and holds that expired (orders, units given back by SKU), over a range of days; "
            + "with groupBy also per day, week or month")
    @APIResponse(responseCode = "200", description = "The figures (see the StockReport schema for what each counts); as CSV "
            + "for Accept: text/csv, a row per figure (and SKU) with the columns " + AnalyticsCsv.STOCK_COLUMNS
            + " (the whole range's rows with an empty period, then each period's with groupBy)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StockReport.class)),
                    @Content(mediaType = AnalyticsCsv.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An invalid date, range, groupBy or limit (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StockReport> stock(@BeanParam ReportQuery asked,
                                  @Parameter(description = "At most this many SKUs per list (1 to 100; default 10)")
                                  @QueryParam("limit") @jakarta.ws.rs.DefaultValue("10") String limit) {
        int most = limit(limit);
        Query query = query(asked);
        return analytics.stock(query.first(), query.last(), query.channel(), most, query.grouping());
    }

    /** The same report as a spreadsheet (Accept: text/csv), documented with getStock. */
    @GET
    @Path("/stock")
    @Produces(AnalyticsCsv.CSV)
    @Operation(hidden = true)
    public Uni<Response> stockCsv(@BeanParam ReportQuery asked,
                                  @QueryParam("limit") @jakarta.ws.rs.DefaultValue("10") String limit) {
        return stock(asked, limit).map(report -> csv(AnalyticsCsv.stock(report), "stock-" + report.from() + "-" + report.to()));
    }

    @GET
    @Path("/delivery")
    @Operation(operationId = "getDelivery", summary = "Orders shipped and the share shipped partially (split), shipments "
            + "delivered, on time against the first estimated delivery date, and carrier exceptions by kind; per period, "
            + "over every carrier and per carrier")
    @APIResponse(responseCode = "200", description = "The figures (see the delivery Period schema for what each counts); as "
            + "CSV for Accept: text/csv, a row per period and carrier with the columns " + AnalyticsCsv.DELIVERY_COLUMNS,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryReport.class)),
                    @Content(mediaType = AnalyticsCsv.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An invalid date, range or groupBy (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeliveryReport> delivery(@BeanParam ReportQuery asked) {
        Query query = query(asked);
        return analytics.delivery(query.first(), query.last(), query.channel(), query.groupBy());
    }

    /** The same report as a spreadsheet (Accept: text/csv), documented with getDelivery. */
    @GET
    @Path("/delivery")
    @Produces(AnalyticsCsv.CSV)
    @Operation(hidden = true)
    public Uni<Response> deliveryCsv(@BeanParam ReportQuery asked) {
        return delivery(asked).map(report -> csv(AnalyticsCsv.delivery(report), "delivery-" + report.from() + "-" + report.to()
                        + "-" + report.groupBy()));
    }

    @GET
    @Path("/lead-times")
    @Operation(operationId = "getLeadTimes", summary = "Lead-time percentiles (p50, p90, p99, max) per period and metric, "
            + "over every carrier and per carrier: placed to confirmed, confirmed to first shipment, shipped to "
            + "delivered, placed to delivered; and the share within N hours")
    @APIResponse(responseCode = "200", description = "The figures (see the lead-time Period schema for what each counts); as "
            + "CSV for Accept: text/csv, a row per period, metric and carrier with the columns " + AnalyticsCsv.LEAD_TIME_COLUMNS,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadTimeReport.class)),
                    @Content(mediaType = AnalyticsCsv.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An invalid date, range, groupBy or withinHours (each named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadTimeReport> leadTimes(@BeanParam ReportQuery asked,
                                         @Parameter(description = "N of shareWithin (1 to 720; default 24)")
                                         @QueryParam("withinHours") @jakarta.ws.rs.DefaultValue("24") String withinHours) {
        int hours = withinHours(withinHours);
        Query query = query(asked);
        return analytics.leadTimes(query.first(), query.last(), query.channel(), query.groupBy(), hours);
    }

    /** The same report as a spreadsheet (Accept: text/csv), documented with getLeadTimes. */
    @GET
    @Path("/lead-times")
    @Produces(AnalyticsCsv.CSV)
    @Operation(hidden = true)
    public Uni<Response> leadTimesCsv(@BeanParam ReportQuery asked,
                                      @QueryParam("withinHours") @jakarta.ws.rs.DefaultValue("24") String withinHours) {
        return leadTimes(asked, withinHours).map(report -> csv(AnalyticsCsv.leadTimes(report), "lead-times-" + report.from() + "-" + report.to()
                        + "-" + report.groupBy()));
    }

    private static int withinHours(String value) {
        return wholeNumber(value, "withinHours", 1, 720, "withinHours must be a whole number of hours from 1 to 720");
    }

    private static int limit(String value) {
        return wholeNumber(value, "limit", 1, 100, "limit must be a whole number from 1 to 100");
    }

    /** A query parameter that must be a whole number from {@code min} to {@code max}: else a 400 naming it. */
    private static int wholeNumber(String value, String name, int min, int max, String rule) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw new BadRequestProblem("Invalid query", rule, name);
    }

    /**
     * A report's days, channel and grouping, checked: every bad parameter named in one 400.
     * {@code groupBy} is day when none was asked for; {@code grouping} is then null.
     */
    private record Query(LocalDate first, LocalDate last, String channel, AnalyticsService.GroupBy groupBy,
                         AnalyticsService.GroupBy grouping) {
    }

    private Query query(ReportQuery asked) {
        String from = asked.from, to = asked.to, groupBy = asked.groupBy;
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
        return new Query(first, last, asked.channel, grouping, groupBy == null ? null : grouping);
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
