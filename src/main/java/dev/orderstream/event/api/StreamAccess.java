package dev.orderstream.event.api;

import dev.orderstream.common.problem.ForbiddenProblem;
import dev.orderstream.common.problem.NotFoundProblem;
import dev.orderstream.common.security.Caller;
import dev.orderstream.order.OrderNotFoundException;
import dev.orderstream.order.OrderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Who may follow which authenticated stream, whether the caller came with a bearer token or a stream
 * ticket, and whether it opens the stream or asks for a ticket to it: staff follow anything; a
 * customer follows its own orders and its own feed, another customer's order or feed is answered as
 * unknown (404) and the feed of everyone is 403; services do not stream.
 */
@ApplicationScoped
public class StreamAccess {

    private final OrderService orders;

    public StreamAccess(OrderService orders) {
        this.orders = orders;
    }

    /** For one order's stream ({@code orderId}), else for the feed (filtered by {@code customerId}). */
    public Uni<Void> mayFollow(Caller caller, String orderId, String customerId) {
        if (!caller.staff() && caller.customerId().isEmpty()) {
            return Uni.createFrom().failure(new ForbiddenProblem("Only staff and customers follow event streams"));
        }
        if (orderId != null) {
            UUID id;
            try {
                id = UUID.fromString(orderId);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new OrderNotFoundException(orderId));
            }
            return orders.requireFollowable(id, caller);
        }
        if (!caller.staff()) {
            if (customerId == null || customerId.isBlank()) {
                return Uni.createFrom().failure(new ForbiddenProblem(
                        "The feed of every customer is for staff; pass your customerId"));
            }
            if (!caller.mayFollow(customerId)) {
                return Uni.createFrom().failure(new NotFoundProblem("Customer", customerId));
            }
        }
        return Uni.createFrom().voidItem();
    }
}
