package dev.orderstream.tracking.api;

import dev.orderstream.common.problem.Problem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.event.EventFilter;
import dev.orderstream.event.Position;
import dev.orderstream.event.api.EventStreamResponses;
import dev.orderstream.event.api.SseFanout;
import dev.orderstream.event.api.StreamPreconditions;
import dev.orderstream.order.OrderService;
import dev.orderstream.order.TrackingTokenNotFoundException;
import dev.orderstream.order.api.TrackingResponse;
import dev.orderstream.tracking.Brand;
import dev.orderstream.tracking.Branding;
import dev.orderstream.tracking.OrderLookupFailedException;
import dev.orderstream.tracking.TrackingPageService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.Locale;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Public order tracking: no bearer token, only the order's unguessable tracking token (128 random
 * bits, unrelated to the order id). Every lookup and every stream, right token or wrong, counts
 * toward the caller's tracking rate limit, so tokens cannot be brute-forced. The same URL answers
 * JSON (an app) or the tracking page (a browser, {@code Accept: text/html}); the page's form posts
 * (feedback, lookup) answer with a redirect back to a page.
 */
@Path("/track")
public class TrackingResource {

    /** Every event type, for the page's script to listen to (the stream names each event by its type). */
    /** HTML a little less preferred than JSON: a browser asks for it by name, and gets it. */
    static final String HTML_UNLESS_ASKED = "text/html;qs=0.9";

    private static final String EVENT_TYPES = dev.orderstream.event.EventType.wireNames();

    @CheckedTemplate(basePath = "tracking")
    static class Templates {
        static native TemplateInstance page(dev.orderstream.tracking.TrackingPage page, Brand brand, String lang,
                                            String eventTypes);

        static native TemplateInstance lookup(Brand brand, String lang, boolean failed, String orderNumber,
                                              String email, String postalCode);
    }

    private final OrderService orders;
    private final SseFanout fanout;
    private final TrackingPageService pages;
    private final Branding branding;
    private final Pages html;

    public TrackingResource(OrderService orders, SseFanout fanout, TrackingPageService pages, Branding branding,
                            Pages html) {
        this.orders = orders;
        this.html = html;
        this.fanout = fanout;
        this.pages = pages;
        this.branding = branding;
    }

    @GET
    @Path("/{token}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Tracking", description = "Public order tracking by token")
    @Operation(operationId = "getTracking", summary = "An order's status, items and shipments by its tracking token; no personal data",
            description = "JSON for apps (and for Accept: */*); a browser asking for text/html gets the tracking page: "
                    + "server-rendered, branded, in the shopper's language (?lang=, then Accept-Language), live over "
                    + "the tracking stream")
    @SecurityRequirements // public: the token is the credential
    @APIResponse(responseCode = "200", description = "The order as a tracking page shows it, or the page",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrackingResponse.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = "Unknown tracking token (a browser gets the lookup form, saying so)",
            content = {@Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "429", description = "Too many lookups from this client; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TrackingResponse> track(@PathParam("token") String token, @Context HttpServerRequest http) {
        return orders.track(token, Caller.anonymous(http));
    }

    @GET
    @Path("/{token}/events")
    @NonBlocking // the stream is written on the event loop; nothing here blocks
    @PermitAll
    @StreamPreconditions.Checked // resolves the token (counted toward the rate limit) and the resume point
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @EventStreamResponses
    @Parameter(name = StreamPreconditions.LAST_EVENT_ID, in = ParameterIn.HEADER, ref = "LastEventId")
    @Parameter(name = "since", in = ParameterIn.QUERY, ref = "Since")
    @SecurityRequirements // public: the token is the credential
    @Operation(operationId = "streamTracking", summary = "Follow an order by its public tracking token: what happened and the status after it, "
            + "shipments in detail, nothing personal")
    @APIResponse(responseCode = "404", description = "Unknown tracking token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many lookups from this client; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void follow(@PathParam("token") String token, @Context ContainerRequestContext request,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServerResponse response) {
        fanout.open(new EventFilter(StreamPreconditions.trackedOrder(request).orElseThrow(), null, null),
                StreamPreconditions.resumeAfter(request, Position.START), SseFanout.View.TRACKING, sink, sse, response);
    }

    // ---------------------------------------------------------------- the tracking page

    @GET
    @Path("/{token}")
    @PermitAll
    @Produces(TrackingResource.HTML_UNLESS_ASKED) // JSON stays the answer to Accept: */* (apps, curl)
    @Tag(name = "Tracking")
    @Operation(hidden = true) // the text/html answer of getTracking, documented there
    public Uni<Response> page(@PathParam("token") String token, @QueryParam("lang") String lang,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        Locale language = pages.language(lang, headers.getAcceptableLanguages());
        return pages.page(token, language, Caller.anonymous(http))
                .chain(page -> render(Templates.page(page, branding.brand(), language.getLanguage(), EVENT_TYPES), language, 200))
                .onFailure(TrackingTokenNotFoundException.class).recoverWithUni(() ->
                        render(Templates.lookup(branding.brand(), language.getLanguage(), true, null, null, null), language, 404));
    }

    @POST
    @Path("/{token}/feedback")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Tracking")
    @SecurityRequirements // public: the token is the credential
    @Operation(operationId = "giveFeedback", summary = "The customer's rating (1-5) and comment, once, after delivery; logged as order.feedback_received")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "404", description = "Unknown tracking token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not delivered yet, or feedback already given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> feedback(@PathParam("token") String token, @Valid @NotNull FeedbackRequest feedback,
                                  @Context HttpServerRequest http) {
        return orders.leaveFeedback(token, feedback.rating(), feedback.comment(), Caller.anonymous(http))
                .replaceWith(() -> Response.status(Response.Status.CREATED).entity(feedback).build());
    }

    /** The page's feedback form: stored, then back to the page (which thanks the shopper). */
    @POST
    @Path("/{token}/feedback")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> feedbackForm(@PathParam("token") String token, @QueryParam("lang") String lang,
                                      @RestForm String rating, @RestForm String comment, @Context HttpServerRequest http) {
        FeedbackRequest feedback = FeedbackRequest.ofForm(rating, comment);
        return orders.leaveFeedback(token, feedback.rating(), feedback.comment(), Caller.anonymous(http))
                .replaceWith(() -> Response.seeOther(pageOf(token, lang)).build());
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Tag(name = "Tracking")
    @SecurityRequirements // public: anyone may look up an order with its number and email or postal code
    @Operation(operationId = "getLookupPage", summary = "The form that finds an order's tracking page by order number and email or postal code")
    @APIResponse(responseCode = "200", description = "The form",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "406", description = "The client does not accept text/html",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> lookupForm(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Locale language = pages.language(lang, headers.getAcceptableLanguages());
        return render(Templates.lookup(branding.brand(), language.getLanguage(), false, null, null, null), language, 200);
    }

    @POST
    @Path("/lookup")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Tracking")
    @SecurityRequirements // public: anyone may look up an order with its number and email or postal code
    @Operation(operationId = "lookUpOrder", summary = "An order's tracking token by its number and email or postal code; the same 404 for any wrong part")
    @APIResponse(responseCode = "200", description = "The token and the page's path",
            content = @Content(schema = @Schema(implementation = LookupResponse.class)))
    @APIResponse(responseCode = "404", description = "No order matches",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many lookups from this client; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LookupResponse> lookup(@Valid @NotNull LookupRequest lookup, @Context HttpServerRequest http) {
        return pages.lookup(lookup.orderNumber(), lookup.email(), lookup.postalCode(), Caller.anonymous(http))
                .map(token -> new LookupResponse(token, "/track/" + token));
    }

    /** The lookup form's post: to the page, or the form again saying nothing matched (404). */
    @POST
    @Path("/lookup")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> lookupFormPost(@QueryParam("lang") String lang, @RestForm String orderNumber,
                                        @RestForm String email, @RestForm String postalCode,
                                        @Context HttpHeaders headers, @Context HttpServerRequest http) {
        Locale language = pages.language(lang, headers.getAcceptableLanguages());
        long number;
        try {
            number = Long.parseLong(orderNumber == null ? "" : orderNumber.strip());
        } catch (NumberFormatException e) {
            number = -1; // no order has it: the same answer as any other miss, and the attempt still counts
        }
        return pages.lookup(number, email, postalCode, Caller.anonymous(http))
                .map(token -> Response.seeOther(pageOf(token, language.getLanguage())).build())
                .onFailure(OrderLookupFailedException.class).recoverWithUni(() -> render(Templates.lookup(branding.brand(),
                        language.getLanguage(), true, orderNumber, email, postalCode), language, 404));
    }

    private static URI pageOf(String token, String lang) {
        return URI.create("/track/" + token + (Branding.LANGUAGES.contains(lang) ? "?lang=" + lang : ""));
    }

    private Uni<Response> render(TemplateInstance template, Locale language, int status) {
        return html.render(template, language, status);
    }
}
