package dev.orderstream.order;

import dev.orderstream.common.DomainException;

/** A source sent an event id again, but for another shipment or with another status or time. */
public class TrackingEventConflictException extends DomainException {

    public TrackingEventConflictException(String source, String externalEventId) {
        super(Kind.CONFLICT, "tracking-event-conflict", "Tracking event already recorded differently",
                "Event " + externalEventId + " of " + source + " is already recorded for another shipment, or with "
                        + "another status or time; a source's event id names one scan");
    }
}
