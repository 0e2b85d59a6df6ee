package dev.orderstream.bulk.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(description = "Body of createBulkJob: one operation over many orders, each through the single-order verb")
public record BulkJobRequest(
        @Schema(description = "capture, fulfill, cancel, deliver or add-public-note", examples = "capture")
        @NotBlank String operation,
        @NotNull @Valid Selector selector,
        @Schema(description = "cancel: {reason: CUSTOMER|MERCHANT|FRAUD|OTHER, note?}; add-public-note: {message}; "
                + "fulfill: {carrier?, items: [{orderId, trackingNumber, carrier?, trackingUrl?}]} (each order ships "
                + "every unshipped unit; carrier is the job's unless the item names one); capture and deliver: none")
        Map<String, Object> params,
        @Schema(description = "continue (the default: each order on its own) or stop (at the first failure)")
        String errorPolicy,
        @Schema(description = "true: answer what each order would get, change nothing") Boolean dryRun) {

    @Schema(description = "Exactly one of orderIds and filter; a filter is resolved once, when the job starts")
    public record Selector(@Size(max = 10_000) List<@NotNull UUID> orderIds, @Valid Filter filter) {
    }

    @Schema(description = "The orders a job takes, as GET /orders filters them")
    public record Filter(String status, String channel, @Size(max = 100) String customerId, String createdFrom,
                         String createdTo, @Size(max = 40) String tag) {
    }
}
