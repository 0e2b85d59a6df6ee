package dev.orderstream.bulk;

import java.util.Arrays;

/** Where a bulk job is: queued, running, then one of the four ends. */
public enum BulkJobState {
    QUEUED("queued"), RUNNING("running"), SUCCEEDED("succeeded"), COMPLETED_WITH_ERRORS("completed_with_errors"),
    FAILED("failed"), CANCELLED("cancelled");

    private final String wire;

    BulkJobState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    public static BulkJobState ofWire(String wire) {
        return Arrays.stream(values()).filter(state -> state.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(wire));
    }
}
