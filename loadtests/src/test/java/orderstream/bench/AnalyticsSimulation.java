package orderstream.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A merchant's analytics queries over the last 90 days, as the dashboard and reports ask them:
 * {@code query=sales} (per day, every channel and currency) or {@code query=lead-times} (per week,
 * every metric and carrier), by {@code concurrency} staff clients (default 8) for {@code duration}
 * seconds. The bench seeds the rollups of 1,000,000 orders first ({@link AnalyticsSeed}).
 */
public class AnalyticsSimulation extends Simulation {

    static final int CONCURRENCY = Integer.getInteger("concurrency", 8);
    static final String QUERY = System.getProperty("query", "sales");

    private static String path() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "?from=" + today.minusDays(89) + "&to=" + today;
        return switch (QUERY) {
            case "sales" -> "/analytics/sales" + range + "&groupBy=day";
            case "lead-times" -> "/analytics/lead-times" + range + "&groupBy=week";
            default -> throw new IllegalArgumentException("query must be sales or lead-times: " + QUERY);
        };
    }

    ScenarioBuilder queries = scenario("analytics " + QUERY)
            .exec(http("analytics " + QUERY).get(path()).check(status().is(200), jsonPath("$.series[0].period").exists()));

    {
        setUp(queries.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Bench.DURATION)))
                .protocols(Bench.protocol());
    }
}
