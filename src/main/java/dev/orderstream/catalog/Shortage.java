package dev.orderstream.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line that could not be held: what was asked for and what is available now. */
@RegisterForReflection // serialized inside a problem body's extensions
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "One short SKU: what was asked for and what is available now", requiredProperties = {"sku", "requested", "available"})
public record Shortage(String sku, int requested, int available) {
}
