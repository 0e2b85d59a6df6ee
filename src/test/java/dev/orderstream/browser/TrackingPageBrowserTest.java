package dev.orderstream.browser;

import dev.orderstream.support.Chromium;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The tracking page in a real headless Chromium: it shows the timeline of a placed order, then,
 * without a reload, a shipment made through the API with its tracking link, a carrier's
 * out-for-delivery scan and the delivery; then the feedback form, whose submission is stored. In
 * German for Accept-Language: de; found by the lookup form; and no script runs from a product name
 * or a note. Screenshots of the page before and after delivery go to target/screenshots (the README's
 * are copies, in docs/).
 */
@QuarkusTest
@TestProfile(TrackingPageBrowserTest.ShopperLimits.class)
class TrackingPageBrowserTest {

    /**
     * The production limit for tracking lookups rather than the test profile's 10 a minute: a live
     * page fetches itself again after events, and this test makes many in a minute from one shopper.
     */
    public static class ShopperLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orderstream.rate-limit.tracking-requests", "60");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ChromeDriver browser;

    @BeforeEach
    void startTheBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Every request of the page (the page, its fetches, its stream) as one shopper, with these headers. */
    private void asShopper(String acceptLanguage) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> headers = new java.util.HashMap<>(Map.of("X-Forwarded-For",
                "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255)));
        if (acceptLanguage != null) {
            headers.put("Accept-Language", acceptLanguage);
        }
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
    }

    private static String newProduct(String name) {
        String sku = newSku("BRW");
        given().contentType(ContentType.JSON).body(Map.of("name", name, "price", Map.of("amount", 1200, "currency", "EUR")))
                .put("/products/{sku}", sku).then().statusCode(201);
        adjust(sku, 10, "RESTOCK").statusCode(200);
        return sku;
    }

    private String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    @Test
    void thePageFollowsTheOrderLiveFromPlacementToDeliveryAndTakesFeedback() throws IOException {
        String mug = newProduct("Enamel mug");
        String kettle = newProduct("Stovetop kettle");
        JsonPath placed = placeOk(orderBody(newCustomer(), mug, 1, kettle, 1));
        String id = placed.getString("id");
        asShopper(null);
        browser.get(url("/track/" + placed.getString("trackingToken")));

        assertEquals("Order " + placed.getLong("number") + " – Orderstream", browser.getTitle());
        assertEquals("current", milestone("placed"));
        assertEquals("upcoming", milestone("shipped"));
        untilThePageShows(() -> "open".equals(browser.executeScript("return document.documentElement.dataset.stream")),
                "its stream open");
        browser.executeScript("window.notReloaded = true");

        // staff ship part of it through the API: the open page shows the shipment and its tracking link
        pay(id, "AUTHORIZATION", 2400, "browser-" + id).statusCode(200);
        String first = fulfill(id, "BRW-1", mug, 1).statusCode(200).extract().path("fulfillments[0].id");
        untilThePageShows(() -> !browser.findElements(By.cssSelector("[data-shipment='1'] a.tracking-link")).isEmpty(),
                "the shipment");
        assertEquals(List.of("BRW-1", "https://track.example/BRW-1"), browser.executeScript(
                "var link = document.querySelector(\"[data-shipment='1'] a.tracking-link\"); return [link.textContent, link.href];"));
        assertTrue(section("shipments-heading").contains("Shipment 1 of 1"), section("shipments-heading"));
        assertTrue(section("unshipped-heading").contains("Stovetop kettle"), "the kettle is not shipped yet");
        assertEquals("current", milestone("shipped"));

        // the carrier: out for delivery, then delivered
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        scan(id, first, "out_for_delivery", now, null, "ofd-" + id).statusCode(201);
        untilThePageShows(() -> "current".equals(milestone("out_for_delivery")), "out for delivery");
        assertTrue(String.valueOf(browser.executeScript("return document.querySelector(\"[data-shipment='1'] .scans\").innerText"))
                .contains("Leipzig, SN, DE"));
        screenshot("tracking-page-on-its-way.png");
        String second = fulfill(id, "BRW-2", kettle, 1).statusCode(200).extract().path("fulfillments[1].id");
        deliver(id, first).statusCode(200);
        deliver(id, second).statusCode(200);
        untilThePageShows(() -> "current".equals(milestone("delivered")), "the delivery");
        untilThePageShows(() -> !browser.findElements(By.id("feedback")).isEmpty(), "the feedback form");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true"), "all of it without a reload");
        screenshot("tracking-page-delivered.png");

        // feedback, through the form
        untilThePageShows(() -> { // the page may swap its content for a late event until the form is touched
            WebElement four = browser.findElement(By.cssSelector("#feedback input[name='rating'][value='4']"));
            four.click();
            return four.isSelected();
        }, "the rating chosen");
        browser.findElement(By.id("comment")).sendKeys("Well packed");
        browser.findElement(By.cssSelector("#feedback button[type='submit']")).click();
        untilThePageShows(() -> browser.findElement(By.cssSelector(".feedback.given")).getText()
                .contains("Thank you for your feedback: 4 of 5."), "the thanks");
        JsonPath stored = order(id);
        assertEquals(4, stored.getInt("feedback.rating"));
        assertEquals("Well packed", stored.getString("feedback.comment"));
        assertNoConsoleErrors();
    }

    @Test
    void thePageSpeaksGermanToAGermanBrowser() {
        String sku = newProduct("Teekanne");
        JsonPath placed = placeOk(orderBody(newCustomer(), sku, 1));
        asShopper("de-DE,de;q=0.9");
        browser.get(url("/track/" + placed.getString("trackingToken")));
        assertEquals("de", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Bestellung " + placed.getLong("number"), browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.cssSelector("[data-milestone='placed'] .label")).getText().contains("Bestellt"));
        assertTrue(section("unshipped-heading").contains("Noch nicht versandt"));
    }

    @Test
    void theLookupFormFindsTheOrderAndGivesOneAnswerForAnyWrongPart() {
        String sku = newProduct("Teapot");
        JsonPath placed = placeOk(orderBody(newCustomer(), sku, 1));
        long number = placed.getLong("number");
        asShopper(null);

        String wrongEmail = lookUp(String.valueOf(number), "nobody@example.com");
        String wrongNumber = lookUp(String.valueOf(number + 1_000_000), "someone@example.com");
        assertEquals("No order matches this order number and email or postal code.", wrongEmail);
        assertEquals(wrongEmail, wrongNumber);

        lookUp(String.valueOf(number), "someone@example.com");
        assertTrue(browser.getCurrentUrl().contains("/track/" + placed.getString("trackingToken")), browser.getCurrentUrl());
        assertEquals("Order " + number, browser.findElement(By.tagName("h1")).getText());
    }

    @Test
    void noScriptRunsFromAProductNameOrANote() {
        String sku = newProduct("<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">");
        JsonPath placed = placeOk(orderBody(newCustomer(), sku, 1));
        post("/orders/{id}/public-notes", placed.getString("id"),
                Map.of("message", "<script>window.pwned = 3</script>")).statusCode(200);
        asShopper(null);
        browser.get(url("/track/" + placed.getString("trackingToken")));
        untilThePageShows(() -> "open".equals(browser.executeScript("return document.documentElement.dataset.stream")),
                "its stream open");
        assertTrue(section("unshipped-heading").contains("<script>window.pwned = 1</script>"), "shown as text");
        assertTrue(section("notes-heading").contains("<script>window.pwned = 3</script>"), "shown as text");
        assertNull(browser.executeScript("return window.pwned === undefined ? null : window.pwned"), "no script ran");
    }

    // ---------------------------------------------------------------- helpers

    /** Submits the lookup form; answers the error it shows, or null when it went to a page. */
    private String lookUp(String number, String email) {
        browser.get(url("/track"));
        browser.findElement(By.id("orderNumber")).sendKeys(number);
        browser.findElement(By.id("email")).sendKeys(email);
        browser.executeScript("window.formPage = true");
        browser.findElement(By.cssSelector("#lookup button[type='submit']")).click();
        untilThePageShows(() -> browser.executeScript("return window.formPage") == null
                && "complete".equals(browser.executeScript("return document.readyState")), "the form's answer");
        List<WebElement> error = browser.findElements(By.id("lookup-error"));
        return error.isEmpty() ? null : error.get(0).getText();
    }

    /**
     * A milestone's state. Read in one script call: the live page swaps its content on every event,
     * so an element found a moment ago may be gone.
     */
    private String milestone(String key) {
        String classes = String.valueOf(browser.executeScript(
                "return document.querySelector(\"[data-milestone='\" + arguments[0] + \"']\").className", key));
        return List.of("current", "done", "upcoming").stream().filter(classes::contains).findFirst().orElse(classes);
    }

    /** The text of the section a heading labels (one script call, as above). */
    private String section(String headingId) {
        return String.valueOf(browser.executeScript(
                "return document.querySelector(\"section[aria-labelledby='\" + arguments[0] + \"']\").innerText", headingId));
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name, 1200);
    }

    private void assertNoConsoleErrors() {
        Chromium.assertNoConsoleErrors(browser, "nothing refused by the CSP nor failed");
    }

    private void untilThePageShows(Callable<Boolean> condition, String what) {
        Chromium.untilThePageShows(browser, WAIT, condition, what);
    }
}
