package dev.orderstream.event.api;

import dev.orderstream.common.OrderstreamConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies {@code orderstream.events.sse.socket-send-buffer} to the HTTP server, so that what one
 * stalled SSE client can hold is its bounded queue plus a known socket buffer.
 */
@ApplicationScoped
public class SseSocketBuffers implements HttpServerOptionsCustomizer {

    private final OrderstreamConfig.Events config;

    public SseSocketBuffers(OrderstreamConfig config) {
        this.config = config.events();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        config.sse().socketSendBuffer().ifPresent(options::setSendBufferSize);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customizeHttpServer(options);
    }
}
