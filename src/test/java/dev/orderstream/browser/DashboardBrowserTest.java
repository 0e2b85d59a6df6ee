package dev.orderstream.browser;

import dev.orderstream.support.Chromium;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The merchant dashboard in a real headless Chromium: a 30-day history seeded in a channel of its
 * own ("dashboard": imported orders, placed on past days), shown in its charts and tables with the right numbers
 * after signing in with a staff token; then an order placed through the API moves today's counter
 * and appears in the live feed without a reload. A screenshot goes to target/screenshots (the
 * README's is a copy, in docs/).
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long PRICE = 1200;

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

    /** Orders placed (and confirmed) on the day {@code daysAgo} days before today: 1 to 5, a made-up week's shape. */
    private static int ordersOn(int daysAgo) {
        return 1 + (daysAgo * 7 + daysAgo / 7) % 5;
    }

    /** Units of the k-th order of a day: 1 to 3. */
    private static int unitsOf(int k) {
        return 1 + k % 3;
    }

    @Test
    void theDashboardShowsTheSeededHistoryAndFollowsANewOrderLive() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String channel = "dashboard"; // a channel of its own (test profile), in a schema rebuilt on every run
        assertEquals(0, placedIn(channel, today), "nothing in the channel before this test");
        String sku = newSku("DSH");
        createProduct(sku, PRICE, "EUR", 1000);

        // 29 days of confirmed orders imported from the channel, each placed on its own day
        StringBuilder file = new StringBuilder();
        Map<LocalDate, int[]> expected = new LinkedHashMap<>(); // day -> placed, confirmed, units, gross, cancelled
        for (int daysAgo = 29; daysAgo >= 1; daysAgo--) {
            LocalDate day = today.minusDays(daysAgo);
            int[] figures = new int[5];
            for (int k = 0; k < ordersOn(daysAgo); k++) {
                Map<String, Object> line = new LinkedHashMap<>(orderBody(newCustomer(), sku, unitsOf(k)));
                line.put("channel", channel);
                line.put("externalOrderId", day + "-" + k);
                line.put("placedAt", day + "T10:0" + k + ":00Z");
                line.put("status", "CONFIRMED");
                line.put("payment", Map.of("provider", "marketplace", "reference", run + "-" + day + "-" + k));
                file.append(new JsonObject(line).encode()).append('\n');
                figures[0]++;
                figures[1]++;
                figures[2] += unitsOf(k);
                figures[3] += (int) (unitsOf(k) * PRICE);
            }
            expected.put(day, figures);
        }
        String job = given().contentType("application/jsonl").queryParam("stockPolicy", "ignore")
                .body(file.toString().getBytes(StandardCharsets.UTF_8))
                .post("/orders/imports").then().statusCode(202).extract().path("id");
        String state = await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> given().get("/bulk-jobs/{id}", job).then().extract().path("state"),
                s -> !List.of("queued", "running").contains(s));
        assertEquals("succeeded", state, () -> given().queryParam("status", "failed")
                .get("/bulk-jobs/{id}/results", job).asString());
        // today: one order placed here, paid, captured and refunded in part; another one cancelled
        Map<String, Object> first = new LinkedHashMap<>(orderBody(newCustomer(), sku, 2));
        first.put("channel", channel);
        String paid = placeOk(first).getString("id");
        pay(paid, "AUTHORIZATION", 2 * PRICE, "dash-" + paid).statusCode(200);
        pay(paid, "CAPTURE", 2 * PRICE, "dash-capture-" + paid).statusCode(200);
        fulfill(paid, "DASH-" + run, sku, 2).statusCode(200);
        refund(paid, 600, null).statusCode(200);
        Map<String, Object> dropped = new LinkedHashMap<>(orderBody(newCustomer(), sku, 1));
        dropped.put("channel", channel);
        cancel(placeOk(dropped).getString("id"), "CUSTOMER").statusCode(200);
        expected.put(today, new int[]{2, 1, 2, (int) (2 * PRICE), 1});
        int seeded = expected.values().stream().mapToInt(f -> f[0]).sum();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> placedIn(channel, today), n -> n == seeded);

        // sign in with a staff token pasted into the page
        browser.get(url("/dashboard?channel=" + channel));
        browser.findElement(By.id("token")).sendKeys(Tokens.staff());
        browser.findElement(By.cssSelector("#sign-in-form button[type='submit']")).click();
        untilThePageShows(() -> browser.findElements(By.cssSelector("#table-orders tbody tr")).size() == 30,
                "30 days of figures");
        untilThePageShows(() -> "live".equals(text("#live-state")), "its live feed open");
        browser.executeScript("window.notReloaded = true");

        // every day of the seeded history, in the table and in the chart
        List<Long> placedInChart = new ArrayList<>();
        for (int daysAgo = 29; daysAgo >= 0; daysAgo--) {
            LocalDate day = today.minusDays(daysAgo);
            int[] figures = expected.get(day);
            String row = "#table-orders tr[data-day='" + day + "'] ";
            assertEquals(String.valueOf(figures[0]), text(row + ".placed"), "placed on " + day);
            assertEquals(String.valueOf(figures[1]), text(row + ".confirmed"), "confirmed on " + day);
            assertEquals(String.valueOf(figures[4]), text(row + ".cancelled"), "cancelled on " + day);
            assertEquals(String.valueOf(figures[2]), text(row + ".units"), "units sold on " + day);
            String revenue = "#table-revenue tr[data-day='" + day + "'][data-currency='EUR'] ";
            assertEquals(String.format(Locale.ROOT, "%.2f", figures[3] / 100.0), text(revenue + ".gross"), "gross on " + day);
            assertEquals(String.format(Locale.ROOT, "%.2f", figures[3] / 100.0 / figures[1]), text(revenue + ".aov"),
                    "average order value on " + day);
            placedInChart.add((long) figures[0]);
        }
        assertEquals(placedInChart, browser.executeScript(
                "return echarts.getInstanceByDom(document.getElementById('chart-orders')).getOption().series[0].data"),
                "the chart draws the same numbers");
        // lead times: today's order went from placed to confirmed (the imported ones measure nothing)
        String week = String.format("%d-W%02d", today.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                today.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertEquals("1", text("#table-lead tr[data-week='" + week + "'][data-metric='placedToConfirmed'] .count"));
        assertEquals("100 %", text("#table-lead tr[data-week='" + week + "'][data-metric='placedToConfirmed'] .within"));
        // after the sale: today's cancellation, by its reason
        assertEquals("1", text("#table-cancellations tr[data-label='CUSTOMER'] .count"));
        assertEquals("0", text("#table-feedback tr[data-label='5'] .count"));
        String todays = "#table-revenue tr[data-day='" + today + "'][data-currency='EUR'] ";
        assertEquals("6.00", text(todays + ".refunds"));
        assertEquals("18.00", text(todays + ".net"));
        assertEquals("50.0 %", text("#table-orders tr[data-day='" + today + "'] .rate"), "1 cancelled of 2 placed");
        assertEquals("2", text("#orders-today"));
        // shipping: today's order went whole with DHL; stock: every unit of the confirmed orders is the one SKU's
        assertEquals("0.0 %", text("#split-share"));
        assertEquals("0", text("#exception-count"));
        assertEquals("1", text("#table-carriers tr[data-label='DHL'] td:nth-child(2)"), "orders shipped with DHL");
        int unitsSold = expected.values().stream().mapToInt(f -> f[2]).sum();
        assertEquals(String.valueOf(unitsSold), text("#table-top-sellers tr[data-label='" + sku + "'] .count"));
        assertEquals("0", text("#expired-holds"));
        String weekday = today.minusDays(7).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String trend = 2 > ordersOn(7) ? "▲ " : 2 < ordersOn(7) ? "▼ " : "= ";
        assertEquals(trend + "vs " + ordersOn(7) + " last " + weekday, text("#orders-versus"));

        // a new order, placed through the API: the counter moves and the feed shows it, without a reload
        Map<String, Object> second = new LinkedHashMap<>(orderBody(newCustomer(), sku, 1));
        second.put("channel", channel);
        JsonPath placed = placeOk(second);
        untilThePageShows(() -> !browser.findElements(By.cssSelector(
                "#feed li[data-type='order.placed'][data-order-id='" + placed.getString("id") + "']")).isEmpty(),
                "the new order in the live feed");
        assertTrue(text("#feed li[data-order-id='" + placed.getString("id") + "'] .status")
                .contains("#" + placed.getLong("number")), "the feed names the order by its number");
        untilThePageShows(() -> "3".equals(text("#orders-today")), "today's counter at 3");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true"), "all of it without a reload");
        screenshot("dashboard.png");
        assertNoConsoleErrors();
    }

    @Test
    void aRefusedTokenSendsTheMerchantBackToTheSignInForm() {
        browser.get(url("/dashboard"));
        browser.findElement(By.id("token")).sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#sign-in-form button[type='submit']")).click();
        untilThePageShows(() -> text("#sign-in-error").contains("401"), "the refusal");
        assertFalse(browser.findElement(By.id("board")).isDisplayed());
        assertNull(browser.executeScript("return sessionStorage.getItem('orderstream.dashboard.token')"),
                "a refused token is not kept");
    }

    // ---------------------------------------------------------------- helpers

    private static int placedIn(String channel, LocalDate today) {
        List<Integer> placed = given().queryParam("channel", channel).queryParam("from", today.minusDays(29).toString())
                .queryParam("to", today.toString()).queryParam("groupBy", "month")
                .get("/analytics/sales").then().statusCode(200).extract().path("series.ordersPlaced");
        return placed.stream().mapToInt(Integer::intValue).sum();
    }

    private String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    /** An element's text, read in one script call (the page replaces its rows on every refresh). */
    private String text(String selector) {
        Object text = browser.executeScript(
                "var e = document.querySelector(arguments[0]); return e === null ? null : e.textContent", selector);
        return text == null ? null : text.toString();
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name, 1280);
    }

    private void assertNoConsoleErrors() {
        Chromium.assertNoConsoleErrors(browser, "nothing refused by the CSP nor failed");
    }

    private void untilThePageShows(Callable<Boolean> condition, String what) {
        Chromium.untilThePageShows(browser, WAIT, condition, what);
    }
}
