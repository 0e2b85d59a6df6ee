package dev.orderstream.common.problem;

import java.util.Map;

/** 412: the client's {@code If-Match} names a version that is no longer current. */
public class PreconditionFailedProblem extends ProblemException {

    private final long currentVersion;

    public PreconditionFailedProblem(long expected, long current) {
        super("stale-version", "Version is stale",
                "If-Match named version " + expected + " but the current version is " + current);
        this.currentVersion = current;
    }

    @Override
    public int status() {
        return 412;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("currentVersion", currentVersion);
    }
}
