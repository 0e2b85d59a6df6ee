package dev.orderstream.notification;

import dev.orderstream.notification.NotificationExceptions.InvalidLinkException;
import dev.orderstream.order.OrderNotFoundException;
import dev.orderstream.order.OrderRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/** Checks the token of an abandoned checkout's recovery link, signed by {@link NotificationMailer}. */
@ApplicationScoped
public class RecoveryLinks {

    private final LinkSigner signer;
    private final OrderRepository orders;
    private final Clock clock;

    public RecoveryLinks(LinkSigner signer, OrderRepository orders, Clock clock) {
        this.signer = signer;
        this.orders = orders;
        this.clock = clock;
    }

    /** Refuses a token that is not a genuine, unexpired recovery token of this very order. */
    public void require(UUID orderId, String token) {
        String subject = signer.verify(NotificationMailer.RECOVERY, token, clock.instant())
                .orElseThrow(InvalidLinkException::new);
        if (!subject.equals(orderId.toString())) {
            throw new InvalidLinkException();
        }
    }

    /** The order's number, for the link's page. */
    public Uni<Long> numberOf(UUID orderId) {
        return orders.findResponse(orderId)
                .onItem().ifNull().failWith(() -> new OrderNotFoundException(orderId))
                .map(order -> order.number());
    }
}
