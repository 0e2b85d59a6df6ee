package dev.orderstream.browser;

import com.sun.net.httpserver.HttpServer;
import dev.orderstream.event.EventType;
import dev.orderstream.support.Chromium;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API as a browser uses it: a storefront page served from another origin (127.0.0.1 on a port
 * of its own, while the API is localhost on another) reads a tracking view, follows the tracking
 * stream, and follows a customer's own order stream with a stream ticket, in a real headless
 * Chromium; a change made through the API then shows on both streams. CORS and EventSource are the
 * browser's own, nothing is stubbed.
 */
@QuarkusTest
class BrowserClientTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private HttpServer storefront;
    private ChromeDriver browser;

    @BeforeEach
    void serveTheStorefrontAndStartTheBrowser() throws IOException {
        browser = Chromium.start();
        storefront = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storefront.createContext("/storefront.html", exchange -> {
            byte[] page;
            try (InputStream in = BrowserClientTest.class.getResourceAsStream("/browser/storefront.html")) {
                page = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        storefront.createContext("/favicon.ico", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        storefront.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (storefront != null) {
            storefront.stop(0);
        }
    }

    @Test
    void aPageOnAnotherOriginFollowsTrackingAndTheCustomersOwnOrderLive() {
        String customer = newCustomer();
        String sku = newSku("BROWSER");
        createProduct(sku, 2500, "EUR", 4);
        var placed = placeOk(orderBody(customer, sku, 1));
        String id = placed.getString("id");

        String api = "http://localhost:" + RestAssured.port;
        String page = "http://127.0.0.1:" + storefront.getAddress().getPort() + "/storefront.html"
                + "?api=" + encode(api)
                + "&tracking=" + encode(placed.getString("trackingToken"))
                + "&order=" + encode(id)
                + "&token=" + encode(Tokens.customer(customer))
                + "&types=" + encode(Arrays.stream(EventType.values()).map(EventType::wireName)
                        .collect(Collectors.joining(",")));
        browser.get(page);

        untilThePageShows(() -> text("tracking-status").equals(placed.getString("status")), "the tracking view");
        untilThePageShows(() -> items("tracking-events").size() == 1 && items("order-events").size() == 1,
                "the placement on both streams");
        assertTrue(items("tracking-events").get(0).startsWith("order.placed "), items("tracking-events").toString());
        assertTrue(items("order-events").get(0).startsWith("order.placed "), items("order-events").toString());

        // a live change, made through the API
        pay(id, "AUTHORIZATION", 2500, "browser").statusCode(200);
        List<String> logged = given().get("/orders/{id}/history", id).then().statusCode(200)
                .extract().jsonPath().getList("collect { it.type + ' ' + it.id }", String.class);
        untilThePageShows(() -> items("order-events").size() == logged.size(), "the payment on the order stream");
        assertEquals(logged, items("order-events"), "the customer's stream, event for event, as the log has them");
        untilThePageShows(() -> items("tracking-events").size() == logged.size(), "the payment on the tracking stream");
        assertEquals(logged, items("tracking-events"), "the public tracking stream too");
        assertEquals("", text("errors"), "no fetch or stream failed in the page");
        assertEquals(List.of(), browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
                .stream().filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(Object::toString).toList(), "nothing refused by the browser (CORS) nor failed");
    }

    /** Waits for the page; if it never gets there, fails with what it shows and what its console said. */
    private void untilThePageShows(java.util.concurrent.Callable<Boolean> condition, String what) {
        try {
            await().atMost(WAIT).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The page never showed " + what + ". It shows:\n"
                    + browser.findElement(By.tagName("body")).getText() + "\nIts console:\n"
                    + browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private List<String> items(String listId) {
        return browser.findElement(By.id(listId)).findElements(By.tagName("li")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
