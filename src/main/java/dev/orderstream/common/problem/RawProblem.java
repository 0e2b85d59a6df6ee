package dev.orderstream.common.problem;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem response written straight from a Vert.x route filter, before a request reaches the REST
 * layer (and its exception mappers). The connection is closed after it.
 */
public final class RawProblem {

    private RawProblem() {
    }

    public static void end(RoutingContext context, int status, String slug, String title, String detail) {
        end(context, status, slug, title, detail, context.request().path());
    }

    /** With {@code instance} given, or left out when null (a path too long to echo back). */
    public static void end(RoutingContext context, int status, String slug, String title, String detail,
                           String instance) {
        JsonObject problem = new JsonObject()
                .put("type", Problem.TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(problem.encode());
    }
}
