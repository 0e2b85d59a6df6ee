package dev.orderstream.webhook;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.PackagedApp;
import dev.orderstream.support.TestDatabase;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * DNS rebinding: the production build checks an endpoint's host again before every attempt and
 * connects to the address it checked. The packaged jar resolves names from a hosts file of the
 * test's ({@code jdk.net.hosts.file}, no caching), which first says the endpoint's host is public,
 * then, once it is registered, that it is 127.0.0.1.
 */
class WebhookAddressIT {

    private static final String SCHEMA = "orderstream_it_dns";
    private static final Path HOSTS = Path.of("target", "webhook-address-it.hosts").toAbsolutePath();
    private static PackagedApp app;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(PackagedApp.nativeBuild(), "the JVM's hosts-file resolver (jdk.net.hosts.file) stands in for DNS "
                + "here; the native executable's resolver is not pointed at it");
        Files.writeString(HOSTS, "93.184.216.34 hooks.orderstream.test\n");
        TestDatabase.dropSchema(SCHEMA);
        DefaultToken.install();
        app = PackagedApp.start("dns", 18086, SCHEMA, "jdk.net.hosts.file=" + HOSTS, "sun.net.inetaddr.ttl=0",
                "sun.net.inetaddr.negative.ttl=0").use();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        RestAssured.reset();
    }

    @Test
    void aHostThatResolvesToALocalAddressAtSendTimeIsNotCalled() throws Exception {
        String endpoint = given().contentType("application/json")
                .body(Map.of("url", "https://hooks.orderstream.test/hooks", "events", List.of("order.*")))
                .post("/webhook-endpoints")
                .then().statusCode(201).extract().path("id");
        Files.writeString(HOSTS, "127.0.0.1 hooks.orderstream.test\n"); // the name now points inside

        String sku = newSku("DNS");
        createProduct(sku, 1000, "EUR", 10);
        String order = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
        // the delivery row itself comes from the fan-out, after the placement: until then there is no items[0]
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Object> attempts = given().queryParam("orderId", order)
                    .get("/webhook-endpoints/{id}/deliveries", endpoint).then().extract().jsonPath()
                    .getList("items[0].attemptsMade");
            return attempts != null && !attempts.isEmpty();
        });
        JsonPath log = given().queryParam("orderId", order).get("/webhook-endpoints/{id}/deliveries", endpoint)
                .then().statusCode(200).extract().jsonPath();
        assertThat(log.getString("items[0].attemptsMade[0].error"), containsString("loopback, link-local or private"));
        assertNull(log.get("items[0].attemptsMade[0].statusCode"), "no request was made");
    }

    private static void assertThat(String actual, org.hamcrest.Matcher<String> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }
}
