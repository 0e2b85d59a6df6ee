package dev.orderstream.bulk;

import dev.orderstream.order.OrderFilter;
import dev.orderstream.order.OrderStatus;
import dev.orderstream.order.StockMode;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/** Reads what a job's stored selector and params say (they were checked when the job was created). */
final class BulkJobSpecs {

    private BulkJobSpecs() {
    }

    static OrderFilter filterOf(JsonObject filter) {
        String status = filter.getString("status");
        return new OrderFilter(filter.getString("customerId"), status == null ? null : OrderStatus.valueOf(status),
                filter.getString("channel"), instant(filter.getString("createdFrom")),
                instant(filter.getString("createdTo")), null, null, filter.getString("tag"), null);
    }

    /** The params' tags (tag and untag jobs). */
    static List<String> tagsOf(JsonObject params) {
        return params.getJsonArray("tags").stream().map(String.class::cast).toList();
    }

    /** How an import job keeps its orders' stock: params.stockPolicy hold (the default), decrement or ignore. */
    static StockMode stockModeOf(JsonObject params) {
        return switch (params.getString("stockPolicy", "hold")) {
            case "decrement" -> StockMode.TAKEN;
            case "ignore" -> StockMode.UNTRACKED;
            default -> StockMode.HELD;
        };
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
