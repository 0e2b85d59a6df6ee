package dev.orderstream.notification;

import dev.orderstream.common.DomainException;
import dev.orderstream.common.NotFoundException;

/** The refusals of the notification use cases. */
public final class NotificationExceptions {

    private NotificationExceptions() {
    }

    /** The order never had an email of this type, or there is no such type. */
    public static class NotificationNotFoundException extends NotFoundException {
        public NotificationNotFoundException(Object orderId, String type) {
            super("Notification", type + " of order " + orderId);
        }
    }

    /** A resend of an update the customer opted out of. */
    public static class OptedOutException extends DomainException {
        public OptedOutException(String type) {
            super(Kind.CONFLICT, "opted-out", "The customer opted out of order updates",
                    "The customer does not want " + type + " emails; only order placed, cancelled and refund emails go out");
        }
    }

    /** An unsubscribe or recovery link that was changed, is for something else or ran out. */
    public static class InvalidLinkException extends DomainException {
        public InvalidLinkException() {
            super(Kind.FORBIDDEN, "invalid-link", "This link is not valid",
                    "The link was changed, is for something else or expired");
        }
    }
}
