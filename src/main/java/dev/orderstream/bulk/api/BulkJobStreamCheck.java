package dev.orderstream.bulk.api;

import dev.orderstream.bulk.BulkJobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

/**
 * Reads the job before its progress stream opens: once the {@code 200 text/event-stream} head is
 * sent, an unknown job could no longer be answered with a 404 problem.
 */
public class BulkJobStreamCheck {

    /** Marks the endpoints this filter guards. */
    @NameBinding
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Checked {
    }

    private final BulkJobService jobs;

    public BulkJobStreamCheck(BulkJobService jobs) {
        this.jobs = jobs;
    }

    @ServerRequestFilter
    @Checked
    public Uni<Response> check(UriInfo uri) {
        UUID id;
        try {
            id = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().nullItem(); // not an id: the path parameter's own 404
        }
        return jobs.get(id).replaceWith((Response) null);
    }
}
