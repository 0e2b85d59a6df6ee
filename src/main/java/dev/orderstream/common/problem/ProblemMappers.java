package dev.orderstream.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.orderstream.common.DomainException;
import dev.orderstream.common.Refusal;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one place where failures become {@code application/problem+json}. Client mistakes get a stable
 * {@code type}, a title and the offending fields; anything unexpected is a bare 500 that names no class.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /**
     * A refused request: an edge problem answers with its own status, a domain refusal with the status
     * of its kind, decided here and only here ({@link #statusOf}).
     */
    @ServerExceptionMapper
    public Response refused(Refusal e, UriInfo uri) {
        int status = e instanceof ProblemException problem ? problem.status() : statusOf(((DomainException) e).kind());
        Response response = respond(status, e.type(), e.title(), e.detail(), uri, e.extensions());
        if (e instanceof RetryAfter retry) {
            return Response.fromResponse(response).header("Retry-After", retry.retryAfterSeconds()).build();
        }
        return response;
    }

    /**
     * The problem a failure is answered with when it has one of its own — a refusal, or a race lost to
     * another writer — wherever it sits in a chain of causes; empty for anything else (a database out
     * of reach, a bug). For work done off the request path, such as a bulk job's result per order.
     */
    public static java.util.Optional<Problem> answerOf(Throwable e) {
        Throwable cause = isAnswerable(e) ? e : rootCause(e);
        if (cause instanceof Refusal refusal) {
            int status = refusal instanceof ProblemException problem ? problem.status()
                    : statusOf(((DomainException) refusal).kind());
            return java.util.Optional.of(new Problem(Problem.TYPE_BASE + refusal.type(), refusal.title(), status,
                    refusal.detail(), null, refusal.extensions()));
        }
        if (isAnswerable(cause) || hasSqlState(e, "40P01") || hasSqlState(e, "40001")) {
            return java.util.Optional.of(new Problem(Problem.TYPE_BASE + "concurrent-modification",
                    "Concurrent modification", 409, "The order was changed by another request at the same time",
                    null, Map.of()));
        }
        return java.util.Optional.empty();
    }

    /** The HTTP status each kind of domain refusal is answered with. */
    public static int statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case RULE_VIOLATED -> 422;
            case STALE_VERSION -> 412;
            case FORBIDDEN -> 403;
        };
    }

    /** No token, an expired one, or one this service cannot verify: 401, never saying which. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(Exception e, UriInfo uri) {
        return Response.fromResponse(respond(401, "unauthorized", "Unauthorized",
                        "A valid bearer token is required", uri, Map.of()))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /** A valid token whose roles do not allow this operation. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your role does not allow this operation", uri, Map.of());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<BadRequestProblem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new BadRequestProblem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(BadRequestProblem.FieldError::field));
        return respond(400, "invalid-request", "Invalid request",
                "The request has " + errors.size() + " invalid field(s)", uri, Map.of("errors", errors));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return respond(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")", uri, Map.of());
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        String field = pathOf(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return respond(400, "invalid-request", "Wrong type", "Field '" + field + "' must be " + expected,
                uri, Map.of("errors", List.of(new BadRequestProblem.FieldError(field, "must be " + expected))));
    }

    /**
     * A JSON value of the wrong shape: an array, a string or a number where an object belongs, a
     * string where an array belongs, and the like. Quarkus REST answers these with a bare 400 of its
     * own unless they are mapped here.
     */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        if (e instanceof InvalidFormatException invalid) {
            return wrongType(invalid, uri);
        }
        String field = pathOf(e);
        if (e.getTargetType() == null) {
            return unmappableJson(e, uri);
        }
        String expected = describe(e.getTargetType());
        String where = field.isEmpty() ? "body" : field;
        return respond(400, "invalid-request", "Wrong type",
                (field.isEmpty() ? "The request body" : "Field '" + field + "'") + " must be " + expected,
                uri, Map.of("errors", List.of(new BadRequestProblem.FieldError(where, "must be " + expected))));
    }

    /** A number too large or too small for its field (a quantity of 10^20). */
    @ServerExceptionMapper
    public Response numberOutOfRange(InputCoercionException e, UriInfo uri) {
        JsonParser parser = e.getProcessor();
        String field = parser == null ? "" : pathOf(parser.getParsingContext());
        String where = field.isEmpty() ? "body" : field;
        return respond(400, "invalid-request", "Number out of range",
                "Field '" + where + "' is out of range", uri,
                Map.of("errors", List.of(new BadRequestProblem.FieldError(where, "is out of range"))));
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        String field = pathOf(e);
        String message = e.getCause() instanceof InputCoercionException ? "is out of range"
                : field.isEmpty() ? "the body does not have the expected shape" : "has the wrong shape or type";
        return respond(400, "invalid-request", "Invalid request body",
                field.isEmpty() ? "The request body does not have the expected shape" : "Field '" + field + "' " + message,
                uri, Map.of("errors", List.of(new BadRequestProblem.FieldError(field.isEmpty() ? "body" : field, message))));
    }

    /** Any JSON failure, answered by the mapper of its kind. */
    private Response json(JsonProcessingException e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonParseException) {
                return otherJson(e, uri); // not JSON at all (a syntax error, a body cut short)
            }
        }
        if (e instanceof MismatchedInputException mismatched) {
            return wrongShape(mismatched, uri);
        }
        if (e instanceof JsonMappingException mapping) {
            return unmappableJson(mapping, uri);
        }
        if (e instanceof InputCoercionException coercion) {
            return numberOutOfRange(coercion, uri);
        }
        return otherJson(e, uri);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        return respond(400, "malformed-json", "Malformed JSON", "The request body could not be read as JSON",
                uri, Map.of());
    }

    /** Two writers raced on one order; the loser may simply retry. */
    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentModification(Exception e, UriInfo uri) {
        return concurrentModification(uri);
    }

    private static Response concurrentModification(UriInfo uri) {
        return respond(409, "concurrent-modification", "Concurrent modification",
                "The resource was changed by another request at the same time; retry the request", uri, Map.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps what its JSON reader could not handle itself: answer it like the rest
            return json(json, uri);
        }
        String reason = Response.Status.fromStatusCode(status) == null
                ? "Request failed" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            // the framework's words for these name its annotations (@Consumes, @Produces): say it in HTTP's
            case 415 -> "The request's Content-Type is not one this endpoint accepts (the API's bodies are application/json)";
            case 406 -> "This endpoint cannot answer in any of the media types the request's Accept header lists";
            default -> safeDetail(e, reason);
        };
        return respond(status, slug(reason), reason, detail, uri, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable cause = rootCause(e);
        if (cause != e && isAnswerable(cause)) {
            return cause instanceof Refusal refusal ? refused(refusal, uri) : concurrentModification(uri);
        }
        if (hasSqlState(e, "22021")) {
            // PostgreSQL text cannot hold a NUL character: input carrying one, in a header, a path or
            // a query, can only be refused
            return respond(400, "invalid-characters", "Invalid characters",
                    "The request contains the NUL character, which cannot be stored", uri, Map.of());
        }
        if (hasSqlState(e, "40P01") || hasSqlState(e, "40001")) {
            // a deadlock or serialization failure: the transaction was rolled back whole; retrying is safe
            LOG.warnf("Transaction conflict on %s: %s", uri.getPath(), rootCause(e));
            return concurrentModification(uri);
        }
        if (ServiceUnavailableProblem.isDatabaseUnreachable(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), rootCause(e));
            return refused(ServiceUnavailableProblem.databaseUnavailable(), uri);
        }
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return respond(500, "internal-error", "Internal error",
                "The request could not be completed; it is safe to retry with the same Idempotency-Key", uri, Map.of());
    }

    private static boolean hasSqlState(Throwable e, String state) {
        for (Throwable current = e; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof java.sql.SQLException sql && state.equals(sql.getSQLState())
                    || current instanceof org.hibernate.JDBCException jdbc && state.equals(jdbc.getSQLState())
                    || current instanceof io.vertx.pgclient.PgException pg && state.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            if (isAnswerable(current)) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    /** Failures with an answer of their own, wherever in a chain of causes they are. */
    private static boolean isAnswerable(Throwable e) {
        return e instanceof Refusal || e instanceof OptimisticLockException || e instanceof StaleStateException;
    }

    private static Response respond(int status, String type, String title, String detail, UriInfo uri,
                                    Map<String, Object> extensions) {
        Problem body = new Problem(Problem.TYPE_BASE + type, title, status, detail,
                uri == null ? null : uri.getPath(), extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String safeDetail(WebApplicationException e, String fallback) {
        // Framework messages may quote class names; only pass through the short, generic ones.
        String message = e.getMessage();
        if (message == null || message.contains("java.") || message.contains("dev.orderstream") || message.length() > 200) {
            return fallback;
        }
        return message;
    }

    private static String slug(String reason) {
        return reason.toLowerCase().replace(' ', '-');
    }

    private static String fieldOf(Path path) {
        // Drop the method and parameter nodes ("place.request.lines[0].quantity" -> "lines[0].quantity").
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> {
                    if (node.getKind() == jakarta.validation.ElementKind.PARAMETER && isQueryOrHeader(node)) {
                        append(field, node);
                    }
                }
                default -> append(field, node);
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    private static boolean isQueryOrHeader(Path.Node node) {
        // Body parameters are named "request"/"body" by convention; other parameters are query or header values.
        String name = node.getName();
        return name != null && !name.equals("request") && !name.equals("body");
    }

    private static void append(StringBuilder field, Path.Node node) {
        if (node.getName() == null) {
            return;
        }
        if (node.isInIterable() && field.length() > 0 && node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        }
        if (field.length() > 0) {
            field.append('.');
        }
        field.append(node.getName());
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The JSON path of where a parser stands, such as {@code lines[0].quantity}. */
    private static String pathOf(JsonStreamContext context) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext current = context; current != null && !current.inRoot(); current = current.getParent()) {
            if (current.inArray()) {
                parts.push("[" + current.getCurrentIndex() + "]");
            } else if (current.getCurrentName() != null) {
                parts.push("." + current.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.getName().startsWith("java.")) {
            return "a " + type.getSimpleName().toLowerCase();
        }
        return "an object";
    }
}
