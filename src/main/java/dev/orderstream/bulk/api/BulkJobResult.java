package dev.orderstream.bulk.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderstream.bulk.BulkJobRepository;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@RegisterForReflection // returned inside the generic Page
@Schema(description = "What a bulk job did (or, in a dry run, would do) to one order",
        requiredProperties = {"position", "status"})
public record BulkJobResult(
        @Schema(description = "The order's place in the job, from 1") int position,
        @Schema(description = "The order; for an import line, the order it made or found (absent when it failed)")
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID orderId,
        @Schema(description = "pending, succeeded, failed or skipped") String status,
        @Schema(description = "The problem the order's change met, as the single-order endpoint answers it")
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> problem,
        @Schema(description = "What else to know: for an import line, that its order was imported before")
        @JsonInclude(JsonInclude.Include.NON_NULL) String note,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant finishedAt) {

    public static BulkJobResult of(BulkJobRepository.Result result) {
        return new BulkJobResult(result.position(), result.orderId(), result.state(),
                result.problem() == null ? null : result.problem().getMap(), result.note(), result.finishedAt());
    }
}
