package dev.orderstream.bulk;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a bulk job does to each of its orders: the same verb as the single-order endpoint. */
public enum BulkOperation {
    /** Capture what is authorized and not yet captured (recordPayment, CAPTURE). */
    CAPTURE("capture"),
    /** Ship every unshipped unit, with the order's carrier and tracking number from the params (createFulfillment). */
    FULFILL("fulfill"),
    /** Cancel, with the params' reason and note (cancelOrder). */
    CANCEL("cancel"),
    /** Confirm delivery of every shipment not yet delivered (recordDelivery). */
    DELIVER("deliver"),
    /** Add the params' message as a public note (addPublicNote). */
    ADD_PUBLIC_NOTE("add-public-note"),
    /** Add the params' tags (tagOrder). */
    TAG("tag"),
    /** Take the params' tags off (untagOrder). */
    UNTAG("untag"),
    /** Import one order per line of a file from another sales channel (POST /orders/imports, not POST /bulk-jobs). */
    IMPORT("import");

    private final String wire;

    BulkOperation(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<BulkOperation> ofWire(String wire) {
        return Arrays.stream(values()).filter(operation -> operation.wire.equals(wire)).findFirst();
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(BulkOperation::wire).toList();
    }
}
