package dev.orderstream.event;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.SseClient;
import dev.orderstream.support.SseClient.Frame;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Stream tickets: how a browser's EventSource, which sends no Authorization header, opens an
 * authenticated stream. Every stream here is opened with no bearer token at all.
 */
@QuarkusTest
class StreamTicketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path ACCESS_LOG = Path.of("target", "orderstream-access.log");

    private static String url(String pathAndQuery) {
        return "http://localhost:" + RestAssured.port + pathAndQuery;
    }

    static ValidatableResponse ticket(String token, String stream) {
        return given().header("Authorization", Tokens.bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("stream", stream))
                .post("/stream-tickets").then();
    }

    private static String orderOf(String customer) {
        String sku = newSku("TICKET");
        createProduct(sku, 1500, "EUR", 5);
        return placeOk(orderBody(customer, sku, 1)).getString("id");
    }

    @Test
    void aCustomersTicketOpensItsOrderStreamWithoutAnyHeaderAndFollowsItLive() {
        String customer = newCustomer();
        String id = orderOf(customer);
        JsonPath issued = ticket(Tokens.customer(customer), "/orders/" + id + "/events")
                .statusCode(200).contentType(ContentType.JSON)
                .body("stream", equalTo("/orders/" + id + "/events"))
                .body("url", startsWith("/orders/" + id + "/events?ticket="))
                .extract().jsonPath();
        Instant expiresAt = Instant.parse(issued.getString("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now()) && expiresAt.isBefore(Instant.now().plus(Duration.ofMinutes(6))),
                "short-lived: " + expiresAt);

        try (SseClient stream = SseClient.connect(url(issued.getString("url")), null, null)) {
            assertEquals(200, stream.status());
            assertEquals("order.placed", stream.nextEvent(WAIT).event());
            pay(id, "AUTHORIZATION", 1500, "ticket").statusCode(200);
            Frame next = stream.nextEvent(WAIT);
            assertNotNull(next, "a live change arrives on the ticketed stream");
            assertEquals(id, JsonPath.from(next.data()).getString("orderId"));
        }
    }

    @Test
    void theBrowsersReconnectWithTheSameUrlAndLastEventIdResumesAfterIt() {
        String customer = newCustomer();
        String id = orderOf(customer);
        String streamUrl = ticket(Tokens.customer(customer), "/orders/" + id + "/events").statusCode(200)
                .extract().path("url");
        String placedId;
        try (SseClient first = SseClient.connect(url(streamUrl), null, null)) {
            placedId = first.nextEvent(WAIT).id();
        }
        pay(id, "AUTHORIZATION", 1500, "while-away").statusCode(200);
        try (SseClient again = SseClient.connect(url(streamUrl), placedId, null)) {
            assertEquals(200, again.status());
            Frame next = again.nextEvent(WAIT);
            assertNotNull(next);
            assertNotEquals("order.placed", next.event(), "resumed after Last-Event-ID, not from the start");
            assertTrue(Long.parseLong(next.id()) > Long.parseLong(placedId));
        }
    }

    @Test
    void aFeedTicketOpensTheCustomersOwnFeedWithItsFilters() {
        String customer = newCustomer();
        String stream = "/events?customerId=" + customer;
        String streamUrl = ticket(Tokens.customer(customer), stream).statusCode(200)
                .body("stream", equalTo(stream)).extract().path("url");
        try (SseClient feed = SseClient.connect(url(streamUrl), null, null)) {
            assertEquals(200, feed.status());
            String id = orderOf(customer);
            Frame placed = feed.nextEvent(WAIT);
            assertNotNull(placed);
            assertEquals(id, JsonPath.from(placed.data()).getString("orderId"));
        }
    }

    @Test
    void aTicketOpensItsOwnStreamAndNothingElse() {
        String customer = newCustomer();
        String id = orderOf(customer);
        String other = orderOf(customer);
        String ticket = ticket(Tokens.customer(customer), "/orders/" + id + "/events").statusCode(200)
                .extract().path("ticket");

        // another order's stream, even the same customer's
        try (SseClient wrong = SseClient.connect(url("/orders/" + other + "/events?ticket=" + ticket), null, null)) {
            assertEquals(401, wrong.status());
        }
        // the feed
        try (SseClient wrong = SseClient.connect(url("/events?customerId=" + customer + "&ticket=" + ticket), null, null)) {
            assertEquals(401, wrong.status());
        }
        // the same stream with filters the ticket was not issued for
        try (SseClient wrong = SseClient.connect(url("/orders/" + id + "/events?type=order.paid&ticket=" + ticket), null, null)) {
            assertEquals(401, wrong.status());
        }
        // any other endpoint: the order itself, its history, a write
        given().header(DefaultToken.ANONYMOUS, "").queryParam("ticket", ticket).get("/orders/{id}", id)
                .then().statusCode(401).contentType("application/problem+json");
        given().header(DefaultToken.ANONYMOUS, "").queryParam("ticket", ticket).get("/orders/{id}/history", id)
                .then().statusCode(401);
        given().header(DefaultToken.ANONYMOUS, "").queryParam("ticket", ticket).contentType(ContentType.JSON)
                .body(Map.of("reason", "CUSTOMER_REQUEST")).post("/orders/{id}/cancellation", id)
                .then().statusCode(401);
        given().get("/orders/{id}", id).then().statusCode(200).body("status", not(equalTo("CANCELLED")));
    }

    @Test
    void aForgedOrTamperedTicketIsRefused() {
        String customer = newCustomer();
        String id = orderOf(customer);
        String ticket = ticket(Tokens.customer(customer), "/orders/" + id + "/events").statusCode(200)
                .extract().path("ticket");
        String[] parts = ticket.split("\\.");
        for (String forged : new String[] {
                parts[0] + "." + parts[1].substring(1) + (parts[1].charAt(0) == 'A' ? "B" : "A"),
                parts[0].substring(0, parts[0].length() - 2) + "." + parts[1],
                parts[0], "", "not-a-ticket", parts[0] + ".." + parts[1]}) {
            try (SseClient stream = SseClient.connect(url("/orders/" + id + "/events?ticket="
                    + java.net.URLEncoder.encode(forged, java.nio.charset.StandardCharsets.UTF_8)), null, null)) {
                assertEquals(401, stream.status(), "forged: " + forged);
            }
        }
    }

    @Test
    void ticketsFollowTheSameAccessRulesAsBearerTokens() {
        String customer = newCustomer();
        String someoneElses = orderOf(newCustomer());
        ticket(Tokens.customer(customer), "/orders/" + someoneElses + "/events").statusCode(404)
                .contentType("application/problem+json");
        ticket(Tokens.customer(customer), "/orders/" + UUID.randomUUID() + "/events").statusCode(404);
        ticket(Tokens.customer(customer), "/events").statusCode(403).contentType("application/problem+json");
        ticket(Tokens.customer(customer), "/events?customerId=" + newCustomer()).statusCode(404);
        ticket(Tokens.service(), "/orders/" + someoneElses + "/events").statusCode(403);
        given().header(DefaultToken.ANONYMOUS, "").contentType(ContentType.JSON)
                .body(Map.of("stream", "/orders/" + someoneElses + "/events"))
                .post("/stream-tickets").then().statusCode(401).contentType("application/problem+json");
        // staff follow anything, the feed of everyone included
        ticket(Tokens.staff(), "/events").statusCode(200).body("url", startsWith("/events?ticket="));
        ticket(Tokens.staff(), "/orders/" + someoneElses + "/events").statusCode(200);
    }

    @Test
    void onlyAuthenticatedStreamsGetTickets() {
        for (String notAStream : new String[] {"/orders", "/track/abc/events", "/orders/x/history",
                "https://evil.example/events", "//evil.example/events", "/events?customerId=a&foo=b",
                "/events?since=12", "/events#x", "%%%", "/orders/../events"}) {
            ticket(Tokens.staff(), notAStream).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("stream"));
        }
        ticket(Tokens.staff(), " ").statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/stream-tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("stream"));
    }

    @Test
    void aTicketNeverReachesTheAccessLog() throws IOException {
        String customer = newCustomer();
        String id = orderOf(customer);
        String ticket = ticket(Tokens.customer(customer), "/orders/" + id + "/events").statusCode(200)
                .extract().path("ticket");
        try (SseClient stream = SseClient.connect(url("/orders/" + id + "/events?ticket=" + ticket), null, null)) {
            assertEquals(200, stream.status());
            assertNotNull(stream.nextEvent(WAIT));
        }
        given().header(DefaultToken.ANONYMOUS, "").queryParam("ticket", ticket).get("/orders/{id}", id)
                .then().statusCode(401);
        Path log = accessLog();
        await().atMost(WAIT).until(() -> Files.readString(log).contains("GET /orders/" + id + " "));
        String written = Files.readString(log);
        assertTrue(written.contains("GET /orders/" + id + "/events "), "the stream is logged, by its path");
        assertFalse(written.contains(ticket.substring(0, 16)), "but not its ticket");
        assertFalse(written.contains("ticket="), "nor any query string");
    }

    /** The packaged app (the *IT run) may run from the project or from target/. */
    private static Path accessLog() {
        return Files.exists(ACCESS_LOG) ? ACCESS_LOG : Path.of("orderstream-access.log");
    }
}
