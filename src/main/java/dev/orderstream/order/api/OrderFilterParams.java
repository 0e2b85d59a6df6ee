package dev.orderstream.order.api;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that filter orders, shared by listOrders and exportOrders. */
public class OrderFilterParams {

    @QueryParam("customerId")
    String customerId;

    @Parameter(description = "An order status such as CONFIRMED")
    @QueryParam("status")
    String status;

    @QueryParam("channel")
    String channel;

    @Parameter(description = "Only orders carrying this tag (any case)")
    @QueryParam("tag")
    String tag;

    @Parameter(description = "The order's id in the channel it was imported from; with channel, finds one order")
    @QueryParam("externalOrderId")
    String externalOrderId;

    @Parameter(description = "ISO-8601 instant, inclusive")
    @QueryParam("createdFrom")
    String createdFrom;

    @Parameter(description = "ISO-8601 instant, exclusive")
    @QueryParam("createdTo")
    String createdTo;

    @Parameter(description = "true: only orders an alert rule flags now (the work queue); false: none flagged")
    @QueryParam("attention")
    String attention;

    @Parameter(description = "Only orders this alert rule flags now (GET /alert-rules)")
    @QueryParam("rule")
    String rule;
}
