package dev.orderstream.support;

import io.restassured.RestAssured;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application as a process of its own, for tests that need more than one instance or
 * need to signal it: the JVM jar (target/quarkus-app/quarkus-run.jar), or the native executable
 * when the build is native ({@code -Dnative} sets {@code orderstream.it.native}). It runs the
 * production build with its own schema, the dev public key, and whatever extra settings are given.
 */
public record PackagedApp(String name, int port, Process process, Path log) {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    public static boolean nativeBuild() {
        return Boolean.getBoolean("orderstream.it.native");
    }

    public static PackagedApp start(String name, int port, String schema, String... settings) throws IOException {
        List<String> command = new ArrayList<>();
        if (nativeBuild()) {
            Path executable = Path.of(System.getProperty("native.image.path"));
            assertTrue(Files.isExecutable(executable), "build the native executable first (mvn verify -Dnative does)");
            command.add(executable.toString());
        } else {
            Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
            assertTrue(Files.exists(jar), "package the application first (mvn verify does)");
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dorderstream.db.schema=" + schema);
        command.add("-Dmp.jwt.verify.publickey.location=" + Tokens.PUBLIC_KEY.toAbsolutePath());
        // no SMTP server unless a test brings one (and turns them on in its settings, which come after)
        command.add("-Dorderstream.notifications.enabled=false");
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        if (!nativeBuild()) {
            command.add("-jar");
            command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
        }
        Path log = Path.of("target", "packaged-" + name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PackagedApp app = new PackagedApp(name, port, process, log);
        app.awaitReady();
        return app;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Points the REST Assured helpers at this instance. */
    public PackagedApp use() {
        RestAssured.port = port;
        return this;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as a container runtime sends it; true if the process exited within {@code within}. */
    public boolean terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: the instance dies without any shutdown. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and SIGKILL if it does not exit within 30 s. */
    public void stop() throws InterruptedException {
        if (!terminate(Duration.ofSeconds(30))) {
            kill();
        }
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await("instance " + name + " ready").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("instance " + name + " exited: " + output());
                        }
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == 200;
                        } catch (IOException notYet) {
                            return false; // not listening yet
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("instance " + name + " was not ready within " + READY_WITHIN + ": " + output());
        }
    }
}
