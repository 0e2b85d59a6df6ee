package dev.orderstream.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (no browser or driver is downloaded:
 * both paths are given, so Selenium Manager never runs). Where they are not installed the browser
 * tests are skipped, saying so, except on CI ({@code CI=true}), where {@code .ci/run} installs them
 * and their absence is a failure.
 */
public final class Chromium {

    public static final Path BROWSER = Path.of(System.getProperty("orderstream.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("orderstream.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    public static ChromeDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String missing = "Browser tests need Chromium and chromedriver at " + BROWSER + " and " + DRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(missing + "; on CI they must be installed (.ci/run does it)");
            }
            Assumptions.abort("SKIPPED: " + missing);
        }
        try {
            Path profile = Files.createTempDirectory("orderstream-chromium");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(BROWSER.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-quic", "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                            "--user-data-dir=" + profile);
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the browser tests' screenshots go (the README's are copies, in docs/). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Waits for the page; if it never gets there, fails with what it shows and what its console said. */
    public static void untilThePageShows(ChromeDriver browser, java.time.Duration wait,
                                         java.util.concurrent.Callable<Boolean> condition, String what) {
        try {
            org.awaitility.Awaitility.await().atMost(wait).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The page never showed " + what + ". It shows:\n"
                    + browser.findElement(org.openqa.selenium.By.tagName("body")).getText() + "\nIts console:\n"
                    + browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
        }
    }

    /** Nothing in the console at warning level or above: nothing refused (CSP, CORS) nor failed. */
    public static void assertNoConsoleErrors(ChromeDriver browser, String message) {
        Assertions.assertEquals(java.util.List.of(), browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                .getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(Object::toString).toList(), message);
    }

    /** The whole page, {@code width} wide (the window as tall as the document, at most 2400), to target/screenshots. */
    public static void screenshot(ChromeDriver browser, String name, int width) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(width, Math.min(2400, height.intValue() + 140)));
        Files.copy(browser.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
