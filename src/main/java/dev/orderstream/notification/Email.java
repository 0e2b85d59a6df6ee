package dev.orderstream.notification;

import dev.orderstream.tracking.TrackingPage;
import io.quarkus.qute.TemplateData;

/**
 * What one email shows, ready to render: which one it is ({@code type}, a {@link NotificationType}
 * key), the order as its tracking page shows it (nothing personal), the shipment it is about (for
 * shipped, out for delivery, delivery exception), a detail (a refund's amount) and its links.
 */
@TemplateData
public record Email(String type, long number, TrackingPage page, TrackingPage.Shipment shipment, String detail,
                    String trackingUrl, String feedbackUrl, String recoveryUrl, String unsubscribeUrl) {

    /** Its intro's key in the message bundle. */
    public String intro() {
        return "email_intro_" + type;
    }
}
