package dev.orderstream.common.problem;

/**
 * 503: the request was not carried out, through no fault of the client (the database failed the
 * work, or the instance is stopping); nothing of it was written, and the same request, with the same
 * Idempotency-Key, may be sent again after {@code Retry-After}.
 */
public class ServiceUnavailableProblem extends ProblemException implements RetryAfter {

    /** What an instance that is stopping answers new work with (see ShutdownGate). */
    public static final String SHUTTING_DOWN = "shutting-down";
    public static final String SHUTTING_DOWN_TITLE = "Shutting down";
    public static final String SHUTTING_DOWN_DETAIL =
            "This instance is shutting down and takes no new requests; send it again (to another instance)";

    private final long retryAfterSeconds;

    public ServiceUnavailableProblem(String type, String title, String detail) {
        this(type, title, detail, 1);
    }

    public ServiceUnavailableProblem(String type, String title, String detail, long retryAfterSeconds) {
        super(type, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * PostgreSQL cannot be reached. The request's transaction did not commit, or (lost with the
     * connection at COMMIT) did; sent again with the same Idempotency-Key it is done exactly once.
     */
    public static ServiceUnavailableProblem databaseUnavailable() {
        return new ServiceUnavailableProblem("database-unavailable", "Database unavailable",
                "The database cannot be reached right now; send the request again after Retry-After, "
                        + "with the same Idempotency-Key so that it is done once", 2);
    }

    public static ServiceUnavailableProblem shuttingDown() {
        return new ServiceUnavailableProblem(SHUTTING_DOWN, SHUTTING_DOWN_TITLE, SHUTTING_DOWN_DETAIL);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Whether a failure is the database being out of reach rather than anything about the request: no
     * connection (refused, reset, closed under a query), or PostgreSQL shutting down or starting up
     * (SQLSTATE class 08, 57P01-57P03), or the pool's queue of waiting requests being full.
     */
    public static boolean isDatabaseUnreachable(Throwable e) {
        for (Throwable current = e; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof java.net.ConnectException
                    || current instanceof io.vertx.sqlclient.ClosedConnectionException
                    || current instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                    || current instanceof java.nio.channels.ClosedChannelException
                    || current instanceof java.io.IOException io && io.getMessage() != null
                            && io.getMessage().contains("Connection reset")) {
                return true;
            }
            String state = current instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : current instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
