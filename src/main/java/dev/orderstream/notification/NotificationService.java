package dev.orderstream.notification;

import dev.orderstream.common.security.Caller;
import dev.orderstream.notification.NotificationExceptions.InvalidLinkException;
import dev.orderstream.notification.NotificationExceptions.NotificationNotFoundException;
import dev.orderstream.notification.NotificationExceptions.OptedOutException;
import dev.orderstream.order.ForeignCustomerException;
import dev.orderstream.order.OrderNotFoundException;
import dev.orderstream.order.OrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The notification use cases: what an order was sent, a resend, and a customer's preference. */
@ApplicationScoped
public class NotificationService {

    private final NotificationRepository notifications;
    private final OrderRepository orders;
    private final NotificationDispatcher dispatcher;
    private final LinkSigner signer;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, OrderRepository orders,
                               NotificationDispatcher dispatcher, LinkSigner signer, Clock clock) {
        this.notifications = notifications;
        this.orders = orders;
        this.dispatcher = dispatcher;
        this.signer = signer;
        this.clock = clock;
    }

    /** Every email of the order, oldest first: what was sent when, to whom, and its state. */
    public Uni<List<NotificationRepository.Logged>> ofOrder(UUID orderId) {
        return requireOrder(orderId).chain(owner -> notifications.ofOrder(orderId));
    }

    /**
     * Sends the order's latest email of this type again, to the order's address: once more per call.
     * Refused for an update the customer opted out of.
     */
    public Uni<NotificationRepository.Logged> resend(UUID orderId, String typeKey) {
        NotificationType type = NotificationType.ofKey(typeKey)
                .orElseThrow(() -> new NotificationNotFoundException(orderId, typeKey));
        return requireOrder(orderId)
                .chain(owner -> type.required() ? Uni.createFrom().voidItem()
                        : notifications.orderUpdates(owner).invoke(wants -> {
                            if (!wants.orElse(true)) {
                                throw new OptedOutException(typeKey);
                            }
                        }).replaceWithVoid())
                .chain(() -> notifications.resend(orderId, type, clock.instant()))
                .map(resent -> resent.orElseThrow(() -> new NotificationNotFoundException(orderId, typeKey)))
                .invoke(dispatcher::wake);
    }

    /** Whether the customer gets order updates by email (yes unless it said no). */
    public Uni<Boolean> orderUpdates(String customerId, Caller caller) {
        requireSelfOrStaff(customerId, caller);
        return notifications.orderUpdates(customerId).map(wants -> wants.orElse(true));
    }

    public Uni<Boolean> setOrderUpdates(String customerId, boolean orderUpdates, Caller caller) {
        requireSelfOrStaff(customerId, caller);
        return notifications.setOrderUpdates(customerId, orderUpdates, clock.instant()).replaceWith(orderUpdates);
    }

    /** Stops order updates for the customer an email's unsubscribe link names; refuses a link that is not genuine. */
    public Uni<Void> unsubscribe(String token) {
        String customerId = signer.verify(NotificationMailer.UNSUBSCRIBE, token, clock.instant())
                .orElseThrow(InvalidLinkException::new);
        return notifications.setOrderUpdates(customerId, false, clock.instant());
    }

    /** Whether an unsubscribe link is genuine (its page shows the form, or says it is not). */
    public boolean isGenuineUnsubscribe(String token) {
        return signer.verify(NotificationMailer.UNSUBSCRIBE, token, clock.instant()).isPresent();
    }

    private Uni<String> requireOrder(UUID orderId) {
        return orders.ownerOf(orderId).map(owner -> owner.orElseThrow(() -> new OrderNotFoundException(orderId)));
    }

    private static void requireSelfOrStaff(String customerId, Caller caller) {
        if (!caller.staff() && !caller.customerId().map(customerId::equals).orElse(false)) {
            throw new ForeignCustomerException("A customer sets its own notification preferences only");
        }
    }
}
