package dev.orderstream.order;

public enum CancellationReason {
    CUSTOMER, MERCHANT, FRAUD, OTHER
}
