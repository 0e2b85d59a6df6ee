package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Shoppers opening their tracking pages: {@code concurrency} clients (default 64) for
 * {@code duration} seconds, each request the HTML page of a random order's tracking token, read from
 * the file {@code tokens} (one per line; the bench script writes it from the seeded orders). Without a
 * bearer token, as a shopper's browser asks; the bench turns the per-client rate limit off (all of
 * this comes from one address), so it measures rendering.
 */
public class TrackingPageSimulation extends Simulation {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);
    static final List<String> TOKENS = tokens();

    private static List<String> tokens() {
        try {
            List<String> tokens = Files.readAllLines(Path.of(System.getProperty("tokens", "tokens.txt"))).stream()
                    .map(String::strip).filter(token -> !token.isEmpty()).toList();
            if (tokens.isEmpty()) {
                throw new IllegalStateException("no tracking tokens in " + System.getProperty("tokens"));
            }
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ScenarioBuilder pages = scenario("tracking page")
            .exec(session -> session.set("token", TOKENS.get(ThreadLocalRandom.current().nextInt(TOKENS.size()))))
            .exec(http("tracking page").get("/track/#{token}")
                    .header("Accept", "text/html")
                    .header("Accept-Language", "en")
                    .check(status().is(200), substring("data-milestone=\"placed\"")));

    {
        setUp(pages.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Bench.DURATION)))
                .protocols(Bench.anonymous());
    }
}
