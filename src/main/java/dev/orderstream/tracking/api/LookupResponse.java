package dev.orderstream.tracking.api;

/** The order found: its tracking token and its tracking page's path. */
public record LookupResponse(String token, String url) {
}
