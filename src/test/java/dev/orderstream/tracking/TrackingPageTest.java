package dev.orderstream.tracking;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.SseClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The tracking page over HTTP: HTML for browsers and JSON for apps on one URL, its security headers,
 * languages, escaping, public notes, feedback after delivery, and the lookup by number and email or
 * postal code. What it looks like and that it updates live is {@code TrackingPageBrowserTest}'s.
 */
@QuarkusTest
class TrackingPageTest {

    /** A shopper at an address of its own (the test profile trusts X-Forwarded-For), so rate limits do not leak between tests. */
    private static RequestSpecification shopper() {
        return shopper(newAddress());
    }

    private static RequestSpecification shopper(String address) {
        return given().header(DefaultToken.ANONYMOUS, "yes").header("X-Forwarded-For", address);
    }

    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** A placed order of one SKU (2 units) named {@code name}: its id and tracking token. */
    private static JsonPath placed(String name) {
        String sku = newSku("PAGE");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "price", Map.of("amount", 1500, "currency", "EUR")))
                .put("/products/{sku}", sku).then().statusCode(201);
        adjust(sku, 10, "RESTOCK").statusCode(200);
        JsonPath order = placeOk(orderBody(newCustomer(), sku, 2));
        return new JsonPath("{\"id\":\"" + order.getString("id") + "\",\"token\":\"" + order.getString("trackingToken")
                + "\",\"sku\":\"" + sku + "\",\"number\":" + order.getLong("number") + "}");
    }

    private static Response page(String token, String acceptLanguage) {
        RequestSpecification request = shopper().accept(ContentType.HTML);
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return request.get("/track/{token}", token);
    }

    private static String delivered(JsonPath order) {
        String id = order.getString("id");
        pay(id, "AUTHORIZATION", 3000, "page-" + id).statusCode(200);
        String fulfillment = fulfill(id, "PAGE-" + id.substring(0, 6), order.getString("sku"), 2).statusCode(200)
                .extract().path("fulfillments[0].id");
        deliver(id, fulfillment).statusCode(200);
        return fulfillment;
    }

    @Test
    void aBrowserGetsThePageWithItsTimelineAndNothingPersonal() {
        JsonPath order = placed("Blue Mug");
        Response page = page(order.getString("token"), null);
        page.then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", allOf(containsString("default-src 'none'"),
                        containsString("script-src 'self'"), not(containsString("unsafe-inline"))))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("Content-Language", "en");
        String html = page.asString();
        assertTrue(html.contains("Order " + order.getLong("number")), html);
        assertTrue(html.contains("data-milestone=\"placed\""), html);
        assertTrue(html.contains("class=\"milestone current\" aria-current=\"step\" data-milestone=\"placed\""), html);
        assertTrue(html.contains("class=\"milestone upcoming\" data-milestone=\"delivered\""), html);
        assertTrue(html.contains("Blue Mug"), "unshipped items are listed");
        assertFalse(html.contains("<script>"), "no inline script");
        assertTrue(html.getBytes(StandardCharsets.UTF_8).length < 30 * 1024, "under 30 KiB: " + html.length());
        for (String personal : List.of(order.getString("id"), "someone@example.com", "Ada Lovelace", "1 Analytical Way",
                "N1 9GU", "cust-", "psp")) {
            assertFalse(html.contains(personal), "the page must not contain " + personal);
        }
        // the short link renders the same page
        shopper().accept(ContentType.HTML).get("/t/{token}", order.getString("token")).then()
                .statusCode(200).body(containsString("Order " + order.getLong("number")));
    }

    @Test
    void jsonStaysTheDefaultForAppsAndAnyAccept() {
        JsonPath order = placed("Green Mug");
        for (String accept : List.of("application/json", "*/*")) {
            shopper().accept(accept).get("/track/{token}", order.getString("token")).then()
                    .statusCode(200).contentType(ContentType.JSON).body("number", is(order.getInt("number")));
        }
    }

    @Test
    void thePageSpeaksGermanWhenAskedAndLangOverridesTheHeader() {
        JsonPath order = placed("Roter Becher");
        page(order.getString("token"), "de-DE,de;q=0.9,en;q=0.5").then().statusCode(200)
                .header("Content-Language", "de")
                .body(containsString("<html lang=\"de\">"), containsString("Bestellung " + order.getLong("number")),
                        containsString("Bestellt"), containsString("Noch nicht versandt"));
        shopper().accept(ContentType.HTML).header("Accept-Language", "de").queryParam("lang", "en")
                .get("/track/{token}", order.getString("token")).then().statusCode(200)
                .body(containsString("Order " + order.getLong("number")), containsString("Not shipped yet"));
        // a language it does not speak: the configured default
        page(order.getString("token"), "fr").then().statusCode(200).header("Content-Language", "en");
    }

    @Test
    void everyValueIsEscaped() {
        JsonPath order = placed("<script>alert('mug')</script>");
        post("/orders/{id}/public-notes", order.getString("id"), Map.of("message", "<img src=x onerror=alert(1)> on its way"))
                .statusCode(200);
        String html = page(order.getString("token"), null).then().statusCode(200).extract().asString();
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;mug&#39;)&lt;/script&gt;") || html.contains("&lt;script&gt;"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; on its way"), html);
    }

    @Test
    void aPublicNoteIsOnThePageAndOnTheTrackingStream() {
        JsonPath order = placed("Yellow Mug");
        String token = order.getString("token");
        try (SseClient stream = SseClient.connect("http://localhost:" + RestAssured.port + "/track/" + token + "/events",
                null, null)) {
            assertEquals("order.placed", stream.nextEvent(Duration.ofSeconds(10)).event());
            post("/orders/{id}/public-notes", order.getString("id"), Map.of("message", "Packed with care today"))
                    .statusCode(200);
            SseClient.Frame note = stream.nextEvent(Duration.ofSeconds(10));
            assertEquals("order.public_note_added", note.event());
            assertTrue(note.data().contains("Packed with care today"), note.data());
        }
        page(token, null).then().statusCode(200).body(containsString("Packed with care today"));
        // staff only, and a note needs text
        shopper().contentType(ContentType.JSON).body(Map.of("message", "x"))
                .post("/orders/{id}/public-notes", order.getString("id")).then().statusCode(401);
        post("/orders/{id}/public-notes", order.getString("id"), Map.of("message", " ")).statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void feedbackIsTakenOnceAfterDeliveryAndLogged() {
        JsonPath order = placed("Black Mug");
        String id = order.getString("id");
        String token = order.getString("token");
        Map<String, Object> feedback = Map.of("rating", 5, "comment", "Arrived early");
        shopper().contentType(ContentType.JSON).body(feedback).post("/track/{token}/feedback", token).then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("illegal-transition"));
        assertFalse(page(token, null).asString().contains("id=\"feedback\""), "no form before delivery");

        delivered(order);
        assertTrue(page(token, null).asString().contains("id=\"feedback\""), "the form after delivery");
        shopper().contentType(ContentType.JSON).body(Map.of("rating", 6)).post("/track/{token}/feedback", token).then()
                .statusCode(400).contentType("application/problem+json");
        shopper().contentType(ContentType.JSON).body(feedback).post("/track/{token}/feedback", token).then()
                .statusCode(201).body("rating", is(5));
        shopper().contentType(ContentType.JSON).body(Map.of("rating", 1)).post("/track/{token}/feedback", token).then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("feedback-already-given"));

        JsonPath stored = order(id);
        assertEquals(5, stored.getInt("feedback.rating"));
        assertEquals("Arrived early", stored.getString("feedback.comment"));
        assertNotNull(stored.getString("feedback.givenAt"));
        List<String> types = given().get("/orders/{id}/history", id).then().statusCode(200).extract().jsonPath()
                .getList("type");
        assertEquals(1, types.stream().filter("order.feedback_received"::equals).count(), types.toString());
        page(token, null).then().body(containsString("Thank you for your feedback: 5 of 5."),
                not(containsString("id=\"feedback\"")));
        shopper().contentType(ContentType.JSON).body(feedback).post("/track/{token}/feedback", "no-such-token").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theFeedbackFormPostsAndComesBackToThePage() {
        JsonPath order = placed("White Mug");
        delivered(order);
        shopper().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("rating", "4").formParam("comment", "Fine")
                .post("/track/{token}/feedback?lang=de", order.getString("token")).then()
                .statusCode(303).header("Location", endsWith("/track/" + order.getString("token") + "?lang=de"));
        assertEquals(4, order(order.getString("id")).getInt("feedback.rating"));
    }

    @Test
    void theLookupFindsAnOrderByNumberAndEmailOrPostalCodeAndTellsNothingElse() {
        JsonPath order = placed("Grey Mug");
        long number = order.getLong("number");
        String token = order.getString("token");
        shopper().contentType(ContentType.JSON).body(Map.of("orderNumber", number, "email", "SomeOne@Example.com"))
                .post("/track/lookup").then().statusCode(200).body("token", is(token)).body("url", is("/track/" + token));
        shopper().contentType(ContentType.JSON).body(Map.of("orderNumber", number, "postalCode", "n19gu"))
                .post("/track/lookup").then().statusCode(200).body("token", is(token));

        String wrongEmail = shopper().contentType(ContentType.JSON).body(Map.of("orderNumber", number, "email", "other@example.com"))
                .post("/track/lookup").then().statusCode(404).contentType("application/problem+json").extract().asString();
        String wrongNumber = shopper().contentType(ContentType.JSON)
                .body(Map.of("orderNumber", number + 1_000_000, "email", "someone@example.com"))
                .post("/track/lookup").then().statusCode(404).contentType("application/problem+json").extract().asString();
        assertEquals(wrongEmail, wrongNumber, "the same answer, whichever part is wrong");

        // the form: a redirect to the page, or the form again saying so
        shopper().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("orderNumber", String.valueOf(number)).formParam("email", "someone@example.com")
                .post("/track/lookup").then().statusCode(303).header("Location", containsString("/track/" + token));
        shopper().contentType(ContentType.URLENC).accept(ContentType.HTML)
                .formParam("orderNumber", String.valueOf(number)).formParam("email", "nobody@example.com")
                .post("/track/lookup").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("No order matches this order number and email or postal code."));
        shopper().accept(ContentType.HTML).get("/track").then().statusCode(200)
                .body(containsString("<label for=\"orderNumber\">"), containsString("<label for=\"email\">"));
    }

    @Test
    void lookupsAreRateLimitedLikeTokenGuesses() {
        String address = newAddress();
        int limited = 0;
        for (int i = 0; i < 15; i++) {
            int status = shopper(address).contentType(ContentType.JSON)
                    .body(Map.of("orderNumber", 1 + i, "email", "guess@example.com"))
                    .post("/track/lookup").then().extract().statusCode();
            assertTrue(status == 404 || status == 429, "status " + status);
            limited += status == 429 ? 1 : 0;
        }
        assertTrue(limited > 0, "guesses beyond the tracking limit are refused");
    }

    @Test
    void anUnknownTokenGetsTheLookupFormAs404() {
        page("no-such-token-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond(), null).then()
                .statusCode(404).contentType(containsString("text/html"))
                .body(containsString("id=\"lookup\""));
    }
}
