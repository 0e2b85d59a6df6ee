package dev.orderstream.tracking;

import io.quarkus.qute.TemplateData;

/**
 * What the tracking page's templates show of the merchant's branding ({@link Branding}): a plain
 * value, with value resolvers generated at build time ({@code @TemplateData}), so the layout, which
 * is included rather than checked, renders it without reflection in the native executable too.
 */
@TemplateData
public record Brand(String storeName, String logoUrl, String supportEmail, String supportUrl, String message,
                    String style, String accentColor) {
}
