package dev.orderstream.notification;

import dev.orderstream.common.OrderstreamConfig;
import dev.orderstream.event.EventStore;
import dev.orderstream.order.OrderRepository;
import dev.orderstream.tracking.Brand;
import dev.orderstream.tracking.Branding;
import dev.orderstream.tracking.TrackingMessages;
import dev.orderstream.tracking.TrackingPage;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Renders one email (HTML and plain text, Qute, in the order's language, with the merchant's
 * branding) from the order as its tracking page shows it, and hands it to the SMTP server.
 */
@ApplicationScoped
public class NotificationMailer {

    static final String UNSUBSCRIBE = "unsubscribe";
    static final String RECOVERY = "recovery";

    @CheckedTemplate(basePath = "notifications")
    static class Templates {
        static native TemplateInstance html(Email email, Brand brand, String lang);

        static native TemplateInstance text(Email email, Brand brand, String lang);
    }

    private final ReactiveMailer mailer;
    private final OrderRepository orders;
    private final EventStore events;
    private final Branding branding;
    private final LinkSigner signer;
    private final OrderstreamConfig.Notifications config;

    public NotificationMailer(ReactiveMailer mailer, OrderRepository orders, EventStore events, Branding branding,
                              LinkSigner signer, OrderstreamConfig config) {
        this.mailer = mailer;
        this.orders = orders;
        this.events = events;
        this.branding = branding;
        this.signer = signer;
        this.config = config.notifications();
    }

    /** Sends one claimed email. */
    public Uni<Void> send(NotificationRepository.Claimed claimed) {
        Locale language = languageOf(claimed.language());
        return render(claimed, language).chain(mail -> mailer.send(mail));
    }

    /** The email, rendered but not sent. */
    Uni<Mail> render(NotificationRepository.Claimed claimed, Locale language) {
        return orders.findTracked(claimed.trackingToken())
                .onItem().ifNull().failWith(() -> new IllegalStateException("order " + claimed.orderId() + " is gone"))
                .chain(order -> events.historyOf(order.id()).map(history -> {
                    TrackingPage page = TrackingPage.of(claimed.trackingToken(), order, history, language, branding.timeZone());
                    int shipment = claimed.subject().isEmpty() ? -1 : order.fulfillmentIds().indexOf(safeUuid(claimed.subject()));
                    return email(claimed, page, shipment < 0 ? null : page.shipments().get(shipment), language);
                }))
                .chain(email -> render(email, language).map(parts -> {
                    Mail mail = Mail.withHtml(claimed.recipient(), parts.subject(), parts.html())
                            .setText(parts.text())
                            .setFrom(config.from())
                            // the same email sent again (a retry after a lost answer) carries the same id
                            .addHeader("Message-ID", "<notification-" + claimed.id() + "@orderstream>")
                            .addHeader("X-Orderstream-Notification", claimed.type().key());
                    if (email.unsubscribeUrl() != null) {
                        // RFC 8058 one-click unsubscribe, honoured by the big mailbox providers
                        mail.addHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">")
                                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                    }
                    return mail;
                }));
    }

    /** An email's subject, HTML and plain text. */
    public record Rendered(String subject, String html, String text) {
    }

    /** Renders {@code email} in {@code language} with the merchant's branding (also the dev preview's). */
    public Uni<Rendered> render(Email email, Locale language) {
        String lang = language.getLanguage();
        Brand brand = branding.brand();
        NotificationType type = NotificationType.ofKey(email.type()).orElseThrow();
        return Uni.combine().all()
                .unis(Templates.html(email, brand, lang).setLocale(language).createUni(),
                        Templates.text(email, brand, lang).setLocale(language).createUni())
                .asTuple()
                .map(parts -> new Rendered(subject(type, email.number(), language), parts.getItem1(), parts.getItem2()));
    }

    private Email email(NotificationRepository.Claimed claimed, TrackingPage page, TrackingPage.Shipment shipment,
                        Locale language) {
        String base = config.publicUrl().toString().replaceAll("/+$", "");
        String lang = "?lang=" + language.getLanguage();
        String trackingUrl = base + "/track/" + claimed.trackingToken() + lang;
        String feedbackUrl = claimed.type() == NotificationType.DELIVERED ? trackingUrl + "#feedback" : null;
        String recoveryUrl = null;
        if (claimed.type() == NotificationType.CHECKOUT_RECOVERY) {
            Instant until = claimed.orderUpdatedAt().plus(config.recoveryLinkValidity());
            recoveryUrl = base + "/orders/" + claimed.orderId() + "/recovery?token="
                    + signer.sign(RECOVERY, claimed.orderId().toString(), until) + "&lang=" + language.getLanguage();
        }
        // every email but the ones the law needs offers to stop them
        String unsubscribeUrl = claimed.type().required() ? null : base + "/notification-preferences/unsubscribe?token="
                + URLEncoder.encode(signer.sign(UNSUBSCRIBE, claimed.customerId(), null), StandardCharsets.UTF_8)
                + "&lang=" + language.getLanguage();
        return new Email(claimed.type().key(), claimed.number(), page, shipment, claimed.detail(), trackingUrl,
                feedbackUrl, recoveryUrl, unsubscribeUrl);
    }

    private String subject(NotificationType type, long n, Locale language) {
        TrackingMessages msg = MessageBundles.get(TrackingMessages.class, Localized.Literal.of(language.getLanguage()));
        String store = branding.storeName();
        return switch (type) {
            case ORDER_PLACED -> msg.email_subject_order_placed(store, n);
            case ORDER_CONFIRMED -> msg.email_subject_order_confirmed(store, n);
            case SHIPPED -> msg.email_subject_shipped(store, n);
            case OUT_FOR_DELIVERY -> msg.email_subject_out_for_delivery(store, n);
            case DELIVERY_EXCEPTION -> msg.email_subject_delivery_exception(store, n);
            case DELIVERED -> msg.email_subject_delivered(store, n);
            case CANCELLED -> msg.email_subject_cancelled(store, n);
            case REFUND_ISSUED -> msg.email_subject_refund_issued(store, n);
            case RETURN_RECEIVED -> msg.email_subject_return_received(store, n);
            case CHECKOUT_RECOVERY -> msg.email_subject_checkout_recovery(store, n);
        };
    }

    /** The order's language when the store speaks it, else the store's default. */
    public Locale languageOf(String tag) {
        String language = tag == null ? null : Locale.forLanguageTag(tag).getLanguage();
        return Locale.forLanguageTag(Branding.supported(language).orElse(branding.defaultLanguage()));
    }

    private static UUID safeUuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
