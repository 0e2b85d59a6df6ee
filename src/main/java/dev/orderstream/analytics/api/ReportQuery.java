package dev.orderstream.analytics.api;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** What every analytics report is asked with (README "Analytics"); checked by {@link AnalyticsResource}. */
public class ReportQuery {

    @Parameter(description = "First day (ISO date, in the store's zone); default: 29 days before to")
    @QueryParam("from")
    public String from;

    @Parameter(description = "Last day, inclusive; default: today")
    @QueryParam("to")
    public String to;

    @Parameter(description = "Only this sales channel")
    @QueryParam("channel")
    public String channel;

    @Parameter(description = "day, week or month. Sales, lead times and delivery are series of periods (default: day); "
            + "post-sale and stock answer the whole range, and with groupBy the same figures per period too")
    @QueryParam("groupBy")
    public String groupBy;
}
