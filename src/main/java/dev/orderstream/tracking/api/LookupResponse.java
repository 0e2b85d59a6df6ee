package dev.orderstream.tracking.api;

/** The order found: its tracking token and its tracking page's path. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The order's tracking token and its page's path")
public record LookupResponse(String token, String url) {
}
