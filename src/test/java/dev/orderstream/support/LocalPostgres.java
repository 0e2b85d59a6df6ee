package dev.orderstream.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The machine's own PostgreSQL cluster, stopped and started as an operator would
 * ({@code pg_ctlcluster <version> main stop -m fast}), for the outage test. Where the cluster cannot
 * be controlled (no pg_ctlcluster, not allowed) the test is skipped saying why, except on CI
 * ({@code CI=true}), where that is a failure.
 */
public final class LocalPostgres {

    private final String version;

    private LocalPostgres(String version) {
        this.version = version;
    }

    public static LocalPostgres controllable() {
        Path clusters = Path.of("/etc/postgresql");
        String why = null;
        String version = null;
        try (var versions = Files.list(clusters)) {
            version = versions.map(path -> path.getFileName().toString()).sorted().reduce((a, b) -> b).orElse(null);
        } catch (IOException e) {
            why = "no PostgreSQL cluster under " + clusters;
        }
        if (version == null && why == null) {
            why = "no PostgreSQL cluster under " + clusters;
        }
        if (why == null && run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "status")) > 3) {
            why = "pg_ctlcluster cannot control cluster " + version + "/main here";
        }
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("The database outage test needs the local cluster: " + why);
            }
            Assumptions.abort("SKIPPED: the database outage test needs the local cluster: " + why);
        }
        return new LocalPostgres(version);
    }

    /** Stops the cluster the way an operator's restart does: open sessions are terminated. */
    public void stopFast() {
        control("stop", "-m", "fast");
    }

    public void start() {
        control("start");
        await().atMost(Duration.ofSeconds(60)).until(this::acceptsConnections);
    }

    /** Starts it if it is not running: for a finally block, whatever happened before. */
    public void ensureRunning() {
        if (!acceptsConnections()) {
            run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"));
            await().atMost(Duration.ofSeconds(60)).until(this::acceptsConnections);
        }
    }

    public boolean acceptsConnections() {
        return run(List.of("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q")) == 0;
    }

    private void control(String... action) {
        List<String> command = new java.util.ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect",
                version, "main"));
        command.addAll(List.of(action));
        int exit = run(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return 124;
            }
            return process.exitValue();
        } catch (IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
