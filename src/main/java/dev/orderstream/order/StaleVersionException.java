package dev.orderstream.order;

import dev.orderstream.common.DomainException;

import java.util.Map;

/** The caller expected another version of the order than the current one (a stale If-Match). */
public class StaleVersionException extends DomainException {

    private final long currentVersion;

    public StaleVersionException(long expected, long current) {
        super(Kind.STALE_VERSION, "stale-version", "Version is stale",
                "If-Match named version " + expected + " but the current version is " + current);
        this.currentVersion = current;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("currentVersion", currentVersion);
    }
}
