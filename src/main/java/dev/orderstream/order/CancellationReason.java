package dev.orderstream.order;

@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Why an order was cancelled")
public enum CancellationReason {
    CUSTOMER, MERCHANT, FRAUD, OTHER
}
