package dev.orderstream.browser;

import dev.orderstream.notification.LinkSigner;
import dev.orderstream.order.ExpirySweeper;
import dev.orderstream.support.Chromium;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The pages behind the links of customer emails, in headless Chromium: the recovery link's page,
 * whose button places the order again and lands on the new order's tracking page; the unsubscribe
 * page, whose button unsubscribes. Also a look at two emails through the dev preview (screenshots
 * to target/screenshots; the README's are copies, in docs/).
 */
@QuarkusTest
class EmailPagesBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Inject
    ExpirySweeper expiry;
    @Inject
    LinkSigner signer;

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

    private String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    @Test
    void theRecoveryLinksButtonPlacesTheOrderAgainAndShowsItsTrackingPage() throws Throwable {
        String sku = newSku("BRW-REC");
        given().contentType(ContentType.JSON).body(Map.of("name", "Copper kettle", "price", Map.of("amount", 4500, "currency", "EUR")))
                .put("/products/{sku}", sku).then().statusCode(201);
        adjust(sku, 5, "RESTOCK").statusCode(200);
        JsonPath placed = placeOk(orderBody(newCustomer(), sku, 1));
        String id = placed.getString("id");
        Instant afterTheHold = Instant.parse(placed.getString("reservedUntil")).plusSeconds(1);
        VertxContextSupport.subscribeAndAwait(() -> expiry.sweep(afterTheHold));
        assertEquals("EXPIRED", order(id).getString("status"));
        // the link of the recovery email (NotificationMailer signs it the same way)
        String token = signer.sign("recovery", id, Instant.now().plus(Duration.ofDays(1)));

        browser.get(url("/orders/" + id + "/recovery?token=" + token + "&lang=en"));
        assertEquals("Complete your order", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.tagName("main")).getText().contains(Long.toString(placed.getLong("number"))));
        browser.findElement(By.cssSelector("#recover button")).click();

        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains("/track/"));
        String recovered = order(id).getString("recoveredBy");
        assertNotNull(recovered);
        assertEquals(url("/track/" + order(recovered).getString("trackingToken")), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("Copper kettle"));
    }

    @Test
    void theUnsubscribePageAsksThenUnsubscribes() {
        String customer = newCustomer();
        String token = signer.sign("unsubscribe", customer, null);
        browser.get(url("/notification-preferences/unsubscribe?token=" + token + "&lang=de"));
        assertEquals("Bestell-Updates per E-Mail", browser.findElement(By.tagName("h1")).getText());
        given().get("/customers/{id}/notification-preferences", customer).then().body("orderUpdates", org.hamcrest.Matchers.equalTo(true));
        browser.findElement(By.cssSelector("#unsubscribe button")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.id("unsubscribed")).isEmpty());
        given().get("/customers/{id}/notification-preferences", customer).then().body("orderUpdates", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void theEmailsAsAMailboxShowsThem() throws IOException {
        browser.get(url("/dev/notifications/shipped?lang=de"));
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("Sendung 1 von 1"));
        assertEquals(1, browser.findElements(By.cssSelector("a[href*='piececode']")).size(), "the carrier's tracking link");
        assertEquals(1, browser.findElements(By.cssSelector("a[href*='/track/']")).size(), "the tracking page's");
        screenshot("email-shipped-de.png");
        browser.get(url("/dev/notifications/checkout_recovery?lang=en"));
        assertEquals("Complete your order", browser.findElement(By.linkText("Complete your order")).getText());
        screenshot("email-checkout-recovery.png");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(700, 900));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
