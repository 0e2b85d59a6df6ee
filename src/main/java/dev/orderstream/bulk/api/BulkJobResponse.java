package dev.orderstream.bulk.api;

import dev.orderstream.bulk.BulkJob;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@RegisterForReflection // stored with an Idempotency-Key and read back
@Schema(description = "A bulk job: its operation, where it is, and its counts (processed = succeeded + failed + skipped)",
        requiredProperties = {"id", "operation", "state", "dryRun", "errorPolicy", "total", "processed", "succeeded",
                "failed", "skipped", "percent", "createdAt"})
public record BulkJobResponse(
        UUID id,
        @Schema(description = "capture, fulfill, cancel, deliver, add-public-note, tag, untag or import") String operation,
        @Schema(description = "queued, running, succeeded, completed_with_errors, failed or cancelled") String state,
        boolean dryRun,
        @Schema(description = "continue or stop") String errorPolicy,
        @Schema(description = "Orders in the job's set (fixed when it starts)") int total,
        int processed,
        int succeeded,
        int failed,
        @Schema(description = "Orders not tried: after a stop or a cancellation") int skipped,
        @Schema(description = "processed / total, 0 to 100 (100 once finished)") int percent,
        @Schema(description = "Why the job failed as a whole (a filter matching too many orders)") String failure,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    public static BulkJobResponse of(BulkJob job) {
        int percent = job.state().finished() ? 100
                : job.total() == 0 ? 0 : (int) (100L * job.processed() / job.total());
        return new BulkJobResponse(job.id(), job.operation().wire(), job.state().wire(), job.dryRun(),
                job.stopOnError() ? "stop" : "continue", job.total(), job.processed(), job.succeeded(), job.failed(),
                job.skipped(), percent, job.failure(), job.createdAt(), job.startedAt(), job.finishedAt());
    }
}
