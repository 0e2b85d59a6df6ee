package dev.orderstream.catalog;

/** Why staff changed the units on hand. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Why stock on hand changed")
public enum StockAdjustmentReason {
    RESTOCK, SHRINKAGE, CORRECTION
}
