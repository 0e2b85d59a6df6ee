package dev.orderstream.catalog;

/** Why staff changed the units on hand. */
public enum StockAdjustmentReason {
    RESTOCK, SHRINKAGE, CORRECTION
}
