package dev.orderstream.common.problem;

import dev.orderstream.common.OrderstreamConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * The request limits, each refused with a problem before anything runs: a request target (path and
 * query) over {@code orderstream.http.max-request-target} is a 414, a header section over
 * {@code orderstream.http.max-header-section} a 431, a declared body over
 * {@code orderstream.http.max-body} a 413 (before any of it is read), or over
 * {@code orderstream.http.max-bulk-body} for the two bulk endpoints ({@code POST /bulk-jobs}, whose
 * selector may list 10,000 orders, and {@code POST /orders/imports}, a file of orders).
 * <p>
 * The HTTP server's own limits ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}) are set well above these (1 MiB): when the server itself refuses a
 * request it can only answer a bare status, so they are kept as the last guard against a line meant
 * to exhaust memory, and every ordinary oversize request gets here and gets a body. (A chunked body
 * without Content-Length is cut off by the server, bare, once it grows past
 * {@code quarkus.http.limits.max-body-size}, which is the bulk limit.)
 */
@ApplicationScoped
public class RequestLimits {

    private static final java.util.Set<String> BULK_PATHS = java.util.Set.of("/bulk-jobs", "/orders/imports");

    private final long maxBodyBytes;
    private final long maxBulkBodyBytes;
    private final long maxTargetBytes;
    private final long maxHeaderBytes;

    public RequestLimits(OrderstreamConfig config) {
        this.maxBodyBytes = config.http().maxBody().asLongValue();
        this.maxBulkBodyBytes = config.http().maxBulkBody().asLongValue();
        this.maxTargetBytes = config.http().maxRequestTarget().asLongValue();
        this.maxHeaderBytes = config.http().maxHeaderSection().asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, 100);
    }

    void limit(RoutingContext context) {
        HttpServerRequest request = context.request();
        long target = request.uri().length(); // the request target is ASCII on the wire
        if (target > maxTargetBytes) {
            RawProblem.end(context, 414, "uri-too-long", "URI too long",
                    "Request targets (path and query) are limited to " + maxTargetBytes + " bytes; this one has "
                            + target, null);
            return;
        }
        long headers = headerSectionBytes(request);
        if (headers > maxHeaderBytes) {
            RawProblem.end(context, 431, "header-fields-too-large", "Request header fields too large",
                    "Request headers are limited to " + maxHeaderBytes + " bytes in all; these have " + headers,
                    request.path());
            return;
        }
        String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            long limit = BULK_PATHS.contains(request.path()) ? maxBulkBodyBytes : maxBodyBytes;
            if (length > limit) {
                RawProblem.end(context, 413, "payload-too-large", "Payload too large",
                        "Request bodies are limited to " + limit + " bytes; this one declares " + length,
                        request.path());
                return;
            }
        }
        context.next();
    }

    /** Bytes of the header section as sent: each field's name, ": ", value and CRLF. */
    private static long headerSectionBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4L;
        }
        return bytes;
    }
}
