package dev.orderstream.bulk;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk job as stored: one operation with its params over the orders its selector named when it
 * started (the selector itself is read only then: {@link BulkJobRepository#selector}), its error
 * policy, whether it only predicts (dry run), where it is and its counts.
 */
public record BulkJob(UUID id, BulkOperation operation, JsonObject params, boolean stopOnError,
                      boolean dryRun, BulkJobState state, int total, int succeeded, int failed, int skipped,
                      boolean cancelRequested, String failure, String createdBy, Instant createdAt, Instant startedAt,
                      Instant finishedAt) {

    public int processed() {
        return succeeded + failed + skipped;
    }
}
