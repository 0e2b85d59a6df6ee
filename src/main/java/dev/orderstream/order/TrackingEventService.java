package dev.orderstream.order;

import dev.orderstream.common.Refusal;
import dev.orderstream.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Carriers' scans of shipments, as shipping tools and carrier aggregators push them: recorded once
 * per {@code (source, externalEventId)} however often they are sent, and read in the order they
 * happened. What a scan does to the order is {@link Order#recordScan}'s to say.
 */
@ApplicationScoped
public class TrackingEventService {

    private final OrderService orders;
    private final OrderRepository orderRows;
    private final TrackingEventRepository scans;
    private final Clock clock;

    public TrackingEventService(OrderService orders, OrderRepository orderRows, TrackingEventRepository scans,
                                Clock clock) {
        this.orders = orders;
        this.orderRows = orderRows;
        this.scans = scans;
        this.clock = clock;
    }

    /** A scan and whether this request recorded it (false: it was recorded before, and nothing changed now). */
    public record Recorded(TrackingScan scan, boolean created) {
    }

    /**
     * Records a scan unless its source sent it before, in which case the stored one is the answer.
     * Two copies sent at once race on the order's row (a stale version) or on the scan's key
     * ({@link TrackingEventRepository.AlreadyRecorded}): the loser rolls back and finds the winner's scan.
     */
    public Uni<Recorded> record(UUID orderId, OrderCommand.RecordScan command, ChangeContext context) {
        return scans.find(command.source(), command.externalEventId())
                .chain(found -> {
                    if (found.isPresent()) {
                        return Uni.createFrom().item(replay(orderId, command, found.get()));
                    }
                    TrackingScan scan = command.toScan(UUID.randomUUID(), clock.instant());
                    return orders.recordScan(orderId, scan, context)
                            .replaceWith(new Recorded(scan, true))
                            .onFailure(failure -> !(failure instanceof Refusal))
                            .recoverWithUni(failure -> scans.find(command.source(), command.externalEventId())
                                    .chain(raced -> raced.isPresent()
                                            ? Uni.createFrom().item(replay(orderId, command, raced.get()))
                                            : Uni.createFrom().failure(failure)));
                });
    }

    /** A shipment's scans, in the order they happened; another customer's order is unknown. */
    public Uni<List<TrackingScan>> ofShipment(UUID orderId, UUID fulfillmentId, Caller caller) {
        return orderRows.ownerOfShipment(orderId, fulfillmentId)
                .chain(owner -> {
                    if (owner.isEmpty() || !caller.mayAccess(owner.get())) {
                        return Uni.createFrom().failure(new FulfillmentNotFoundException(fulfillmentId));
                    }
                    return scans.ofShipment(orderId, fulfillmentId);
                });
    }

    private static Recorded replay(UUID orderId, OrderCommand.RecordScan command, TrackingEventRepository.Stored stored) {
        TrackingScan scan = stored.scan();
        boolean same = stored.orderId().equals(orderId) && scan.fulfillmentId().equals(command.fulfillmentId())
                && scan.status() == command.status() && Objects.equals(scan.happenedAt(), command.happenedAt());
        if (!same) {
            throw new TrackingEventConflictException(command.source(), command.externalEventId());
        }
        return new Recorded(scan, false);
    }
}
