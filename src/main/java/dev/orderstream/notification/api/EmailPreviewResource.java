package dev.orderstream.notification.api;

import dev.orderstream.notification.Email;
import dev.orderstream.notification.NotificationMailer;
import dev.orderstream.notification.NotificationType;
import dev.orderstream.tracking.TrackingPage;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * Every customer email rendered with sample data, for whoever edits the templates or the message
 * bundles: {@code GET /dev/notifications} lists them, {@code GET /dev/notifications/shipped?lang=de}
 * shows one (HTML; {@code &format=text} the plain-text part; the subject is in {@code X-Email-Subject}).
 * Built into the dev and test profiles only: the production build does not contain it.
 */
@IfBuildProfile(anyOf = {"dev", "test"})
@Path("/dev/notifications")
@Tag(name = "Development", description = "Dev and test builds only")
public class EmailPreviewResource {

    private final NotificationMailer mailer;

    public EmailPreviewResource(NotificationMailer mailer) {
        this.mailer = mailer;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "listEmailPreviews", summary = "Links to every email's preview, in every language")
    public String index() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\">"
                + "<title>Email previews</title><h1>Email previews</h1><ul>");
        for (NotificationType type : NotificationType.values()) {
            html.append("<li>").append(type.key());
            for (String lang : List.of("en", "de")) {
                html.append(" · <a href=\"/dev/notifications/").append(type.key()).append("?lang=").append(lang)
                        .append("\">").append(lang).append("</a> (<a href=\"/dev/notifications/").append(type.key())
                        .append("?lang=").append(lang).append("&amp;format=text\">text</a>)");
            }
            html.append("</li>");
        }
        return html.append("</ul></html>").toString();
    }

    @GET
    @Path("/{type}")
    @PermitAll
    @Operation(operationId = "previewEmail", summary = "One email rendered with sample data")
    public Uni<Response> preview(@PathParam("type") String typeKey, @QueryParam("lang") String lang,
                                 @QueryParam("format") String format) {
        NotificationType type = NotificationType.ofKey(typeKey).orElseThrow(NotFoundException::new);
        Locale language = mailer.languageOf(lang);
        return mailer.render(sample(type, language), language)
                .map(email -> Response.ok("text".equals(format) ? email.text() : email.html())
                        .type("text".equals(format) ? MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")
                                : MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("X-Email-Subject", email.subject().replaceAll("[^\\x20-\\x7e]", "?"))
                        .build());
    }

    /** Order 100042: two lamps and a shade, one shipment on its way with DHL. */
    private static Email sample(NotificationType type, Locale language) {
        DateTimeFormatter moment = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(language).withZone(ZoneOffset.UTC);
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(language)
                .withZone(ZoneOffset.UTC);
        Instant placed = Instant.parse("2026-12-01T09:12:00Z");
        TrackingPage.Stamp placedAt = new TrackingPage.Stamp(placed.toString(), moment.format(placed));
        Instant eta = Instant.parse("2026-12-04T12:00:00Z");
        List<TrackingPage.Item> items = List.of(new TrackingPage.Item("Walnut desk lamp", 2),
                new TrackingPage.Item("Linen shade", 1));
        TrackingPage.Shipment shipment = new TrackingPage.Shipment(1, 1, "DHL", "00340434161234567890",
                "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890",
                "in_transit", placedAt, new TrackingPage.Stamp(eta.toString(), day.format(eta)), null, items, List.of());
        TrackingPage page = new TrackingPage("sample-token", 100042, placedAt, "fulfilled", List.of(), null, List.of(),
                List.of(shipment), List.of(), List.of(), new TrackingPage.Feedback("closed", null));
        String base = "http://localhost:8080";
        String tracking = base + "/track/sample-token?lang=" + language.getLanguage();
        boolean perShipment = type == NotificationType.SHIPPED || type == NotificationType.OUT_FOR_DELIVERY
                || type == NotificationType.DELIVERY_EXCEPTION;
        return new Email(type.key(), 100042, page, perShipment ? shipment : null,
                type == NotificationType.REFUND_ISSUED ? "24.90 EUR" : null, tracking,
                type == NotificationType.DELIVERED ? tracking + "#feedback" : null,
                type == NotificationType.CHECKOUT_RECOVERY ? base + "/orders/sample/recovery?token=sample" : null,
                type.required() ? null : base + "/notification-preferences/unsubscribe?token=sample");
    }
}
