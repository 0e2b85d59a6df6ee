package dev.orderstream.notification;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.SmtpServer;
import dev.orderstream.support.SmtpServer.Mail;
import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Customer emails against a real SMTP server (GreenMail): which go out, once each, in order, in the
 * order's language and with the right links; an SMTP outage; opting out and the unsubscribe link;
 * and abandoned-checkout recovery from the expiry to the new order. Each test mails an address of its own.
 */
@QuarkusTest
@TestProfile(NotificationTest.Smtp.class)
class NotificationTest {

    static final SmtpServer SMTP = new SmtpServer();
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Emails on, to the test's SMTP server; unpaid orders expire after 3 s and their recovery email goes at once. */
    public static class Smtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "orderstream.notifications.enabled", "true",
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(SMTP.port()),
                    "orderstream.notifications.public-url", "http://shop.example",
                    "orderstream.notifications.recovery-delay", "0s",
                    "orderstream.reservation.ttl", "PT3S",
                    "orderstream.reservation.sweep-interval", "250ms",
                    "orderstream.reservation.sweep-delay", "0s");
        }
    }

    @BeforeAll
    static void startSmtp() {
        SMTP.start();
        DefaultToken.install();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    private static String newEmail() {
        return "n-" + UUID.randomUUID() + "@example.com";
    }

    /** A product with {@code onHand} units at 10.00 EUR. */
    private static String product(int onHand) {
        String sku = newSku("MAIL");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Walnut desk lamp", "price", Map.of("amount", 1000, "currency", "EUR")))
                .put("/products/{sku}", sku).then().statusCode(201);
        if (onHand > 0) {
            adjust(sku, onHand, "RESTOCK").statusCode(200);
        }
        return sku;
    }

    private static JsonPath placeFor(String email, String customer, String language, String sku, int quantity) {
        Map<String, Object> body = orderBody(customer, sku, quantity);
        body.put("email", email);
        if (language != null) {
            body.put("language", language);
        }
        return placeOk(body);
    }

    /** Waits until {@code email} has received exactly these emails, in this order. */
    private static List<Mail> awaitTypes(String email, String... types) {
        await().atMost(WAIT).until(() -> SMTP.typesTo(email).size() >= types.length);
        assertEquals(List.of(types), SMTP.typesTo(email));
        return SMTP.to(email);
    }

    private static JsonPath notificationsOf(String orderId) {
        return given().get("/orders/{id}/notifications", orderId).then().statusCode(200).extract().jsonPath();
    }

    private static String link(String text, String pathStart) {
        Matcher matcher = Pattern.compile("http://shop\\.example(" + Pattern.quote(pathStart) + "[^\\s\"<>]*)").matcher(text);
        assertTrue(matcher.find(), "a link to " + pathStart + " in:\n" + text);
        return matcher.group(1).replace("&amp;", "&");
    }

    @Test
    void theLifecycleSendsEachEmailOnceInOrderInTheOrdersLanguageWithItsLinks() {
        String email = newEmail();
        String sku = product(10);
        JsonPath order = placeFor(email, newCustomer(), "de-AT", sku, 2);
        String id = order.getString("id");
        String token = order.getString("trackingToken");
        long number = order.getLong("number");

        pay(id, "AUTHORIZATION", 2000, "auth-" + id).statusCode(200); // before its hold runs out (3 s here)
        List<Mail> first2 = awaitTypes(email, "order_placed", "order_confirmed");
        Mail placed = first2.get(0);
        assertEquals("Orderstream: Ihre Bestellung " + number + " ist eingegangen", placed.subject());
        assertTrue(placed.html().contains("Vielen Dank für Ihre Bestellung"), placed.html());
        assertEquals("/track/" + token + "?lang=de", link(placed.html(), "/track/"));
        assertEquals("/track/" + token + "?lang=de", link(placed.text(), "/track/"));
        assertNull(placed.listUnsubscribe(), "the order confirmation is required: no unsubscribe");
        assertEquals("<notification-" + notificationsOf(id).getLong("[0].id") + "@orderstream>", placed.messageId());

        Mail confirmed = first2.get(1);
        assertTrue(confirmed.listUnsubscribe().startsWith("<http://shop.example/notification-preferences/unsubscribe?token="),
                confirmed.listUnsubscribe());

        String first = fulfill(id, "TRK-1-" + id, sku, 1).statusCode(200).extract().jsonPath().getString("fulfillments[0].id");
        Mail shipped = awaitTypes(email, "order_placed", "order_confirmed", "shipped").get(2);
        assertEquals("Orderstream: Bestellung " + number + " wurde versandt", shipped.subject());
        assertTrue(shipped.html().contains("Sendung 1 von 1") && shipped.html().contains("DHL")
                && shipped.html().contains("https://track.example/TRK-1-" + id) && shipped.html().contains("Walnut desk lamp"),
                shipped.html());
        assertTrue(shipped.text().contains("TRK-1-" + id) && shipped.text().contains("Walnut desk lamp × 1"), shipped.text());

        scan(id, first, "out_for_delivery", java.time.Instant.now().minusSeconds(5).toString(), null, "ofd-" + id)
                .statusCode(201);
        awaitTypes(email, "order_placed", "order_confirmed", "shipped", "out_for_delivery");
        deliver(id, first).statusCode(200);
        String second = fulfill(id, "TRK-2-" + id, sku, 1).statusCode(200).extract().jsonPath().getString("fulfillments[1].id");
        Mail secondShipped = awaitTypes(email, "order_placed", "order_confirmed", "shipped", "out_for_delivery", "shipped").get(4);
        assertTrue(secondShipped.html().contains("Sendung 2 von 2") && secondShipped.html().contains("TRK-2-" + id),
                secondShipped.html());
        deliver(id, second).statusCode(200);
        Mail delivered = awaitTypes(email, "order_placed", "order_confirmed", "shipped", "out_for_delivery", "shipped",
                "delivered").get(5);
        assertTrue(delivered.html().contains("href=\"http://shop.example/track/" + token + "?lang=de#feedback\""),
                delivered.html());
        assertTrue(delivered.text().contains("http://shop.example/track/" + token + "?lang=de#feedback"), delivered.text());

        pay(id, "CAPTURE", 2000, "capture-" + id).statusCode(200);
        String returnId = requestReturn(id, sku, 1).statusCode(200).extract().jsonPath().getString("returns[0].id");
        receiveReturn(id, returnId, true).statusCode(200);
        refund(id, 1000, returnId).statusCode(200);
        Mail refunded = awaitTypes(email, "order_placed", "order_confirmed", "shipped", "out_for_delivery", "shipped",
                "delivered", "return_received", "refund_issued").get(7);
        assertTrue(refunded.html().contains("10.00 EUR"), refunded.html());

        // A duplicated event: the same scan status again, and the delivery again, trigger nothing new.
        scan(id, first, "out_for_delivery", java.time.Instant.now().minusSeconds(4).toString(), null, "ofd2-" + id)
                .statusCode(201);
        deliver(id, first).statusCode(200);
        // then something that does send, to know the log was read past them
        given().post("/orders/{id}/notifications/{type}/resend", id, "order_placed").then().statusCode(202)
                .body("state", equalTo("PENDING"));
        awaitTypes(email, "order_placed", "order_confirmed", "shipped", "out_for_delivery", "shipped", "delivered",
                "return_received", "refund_issued", "order_placed");

        JsonPath log = notificationsOf(id);
        assertEquals(9, log.getList("").size());
        assertTrue(log.getList("state").stream().allMatch("SENT"::equals), log.prettify());
        assertTrue(log.getList("recipient").stream().allMatch(email::equals));
        assertNotNull(log.getString("[8].resendOf"));
        assertTrue(log.getList("sentAt").stream().allMatch(java.util.Objects::nonNull));
    }

    @Test
    void englishIsTheDefaultAndAnUnknownLanguageFallsBackToIt() {
        String email = newEmail();
        JsonPath order = placeFor(email, newCustomer(), "fr", product(5), 1);
        Mail placed = awaitTypes(email, "order_placed").get(0);
        assertEquals("Orderstream: we received your order " + order.getLong("number"), placed.subject());
        assertTrue(placed.text().contains("Thank you for your order"), placed.text());
    }

    @Test
    void anSmtpOutageDelaysEmailsAndThenEachIsSentOnce_andAStaleOneIsNotSent() {
        String sku = product(20);
        List<String> emails = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        SMTP.stop();
        try {
            for (int i = 0; i < 3; i++) {
                String email = newEmail();
                emails.add(email);
                String id = placeFor(email, newCustomer(), null, sku, 1).getString("id");
                pay(id, "AUTHORIZATION", 1000, "outage-" + id).statusCode(200);
                orders.add(id);
            }
            // the last one also ships and arrives while the server is down: "shipped" is stale by then
            String last = orders.get(2);
            String shipment = fulfill(last, "TRK-OUT-" + last, sku, 1).statusCode(200).extract().jsonPath()
                    .getString("fulfillments[0].id");
            deliver(last, shipment).statusCode(200);
            await().atMost(WAIT).until(() -> orders.stream().allMatch(id -> {
                JsonPath log = notificationsOf(id);
                return log.getInt("[0].attempts") >= 2 && log.getString("[0].lastError") != null;
            }));
            assertEquals("PENDING", notificationsOf(orders.get(0)).getString("[0].state"));
        } finally {
            SMTP.start();
        }
        for (int i = 0; i < 2; i++) {
            awaitTypes(emails.get(i), "order_placed", "order_confirmed");
        }
        awaitTypes(emails.get(2), "order_placed", "delivered");
        // once each: resend to the first, to know anything sent twice would have arrived before it
        given().post("/orders/{id}/notifications/{type}/resend", orders.get(0), "order_placed").then().statusCode(202);
        awaitTypes(emails.get(0), "order_placed", "order_confirmed", "order_placed");
        awaitTypes(emails.get(1), "order_placed", "order_confirmed");
        JsonPath stale = notificationsOf(orders.get(2));
        assertEquals(List.of("order_placed", "order_confirmed", "shipped", "delivered"), stale.getList("type"));
        assertEquals(List.of("SENT", "SUPERSEDED", "SUPERSEDED", "SENT"), stale.getList("state"));
    }

    @Test
    void anOptedOutCustomerGetsOnlyTheRequiredEmails() {
        String email = newEmail();
        String customer = newCustomer();
        given().header("Authorization", Tokens.bearer(Tokens.customer(customer))).contentType(ContentType.JSON)
                .body(Map.of("orderUpdates", false))
                .put("/customers/{id}/notification-preferences", customer).then().statusCode(200)
                .body("orderUpdates", equalTo(false));
        given().header("Authorization", Tokens.bearer(Tokens.customer(newCustomer()))).contentType(ContentType.JSON)
                .body(Map.of("orderUpdates", true))
                .put("/customers/{id}/notification-preferences", customer).then().statusCode(403);
        String sku = product(10);

        String delivered = placeFor(email, customer, null, sku, 1).getString("id");
        pay(delivered, "AUTHORIZATION", 1000, "a-" + delivered).statusCode(200);
        pay(delivered, "CAPTURE", 1000, "c-" + delivered).statusCode(200);
        String shipment = fulfill(delivered, "TRK-OPT-" + delivered, sku, 1).statusCode(200).extract().jsonPath()
                .getString("fulfillments[0].id");
        deliver(delivered, shipment).statusCode(200);
        refund(delivered, 500, null).statusCode(200);
        String cancelled = placeFor(email, customer, null, sku, 1).getString("id");
        cancel(cancelled, "CUSTOMER").statusCode(200);

        awaitTypes(email, "order_placed", "refund_issued", "order_placed", "cancelled");
        JsonPath log = notificationsOf(delivered);
        assertEquals(List.of("order_placed", "order_confirmed", "shipped", "delivered", "refund_issued"), log.getList("type"));
        assertEquals(List.of("SENT", "SUPPRESSED", "SUPPRESSED", "SUPPRESSED", "SENT"), log.getList("state"));
        given().post("/orders/{id}/notifications/{type}/resend", delivered, "shipped").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("opted-out"));
        given().post("/orders/{id}/notifications/{type}/resend", cancelled, "no_such_email").then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/orders/{id}/notifications/{type}/resend", cancelled, "cancelled").then().statusCode(202);
        awaitTypes(email, "order_placed", "refund_issued", "order_placed", "cancelled", "cancelled");
        given().post("/orders/{id}/notifications/{type}/resend", UUID.randomUUID(), "order_placed").then().statusCode(404);
    }

    @Test
    void theUnsubscribeLinkWorks_andIsRefusedWhenTamperedWith() {
        String email = newEmail();
        String customer = newCustomer();
        String sku = product(10);
        String id = placeFor(email, customer, null, sku, 1).getString("id");
        pay(id, "AUTHORIZATION", 1000, "u-" + id).statusCode(200);
        Mail confirmed = awaitTypes(email, "order_placed", "order_confirmed").get(1);
        String unsubscribe = link(confirmed.html(), "/notification-preferences/unsubscribe");
        assertEquals("<http://shop.example" + unsubscribe + ">", confirmed.listUnsubscribe());
        String token = unsubscribe.replaceAll(".*token=([^&]+).*", "$1");
        String tampered = token.substring(0, 3) + (token.charAt(3) == 'A' ? 'B' : 'A') + token.substring(4);

        given().header(DefaultToken.ANONYMOUS, "yes").queryParam("token", tampered)
                .get("/notification-preferences/unsubscribe").then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("invalid-link"));
        given().header(DefaultToken.ANONYMOUS, "yes").queryParam("token", tampered)
                .post("/notification-preferences/unsubscribe").then().statusCode(403);
        given().get("/customers/{id}/notification-preferences", customer).then().body("orderUpdates", equalTo(true));

        given().header(DefaultToken.ANONYMOUS, "yes").get(unsubscribe).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("id=\"unsubscribe\""));
        given().get("/customers/{id}/notification-preferences", customer).then().body("orderUpdates", equalTo(true));
        // one-click, as a mailbox posts it (RFC 8058)
        given().header(DefaultToken.ANONYMOUS, "yes").contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click").post(unsubscribe).then().statusCode(200)
                .body(containsString("id=\"unsubscribed\""));
        given().get("/customers/{id}/notification-preferences", customer).then().body("orderUpdates", equalTo(false));

        String shipment = fulfill(id, "TRK-U-" + id, sku, 1).statusCode(200).extract().jsonPath().getString("fulfillments[0].id");
        deliver(id, shipment).statusCode(200);
        await().atMost(WAIT).until(() -> notificationsOf(id).getList("type").size() == 4);
        assertEquals(List.of("SENT", "SENT", "SUPPRESSED", "SUPPRESSED"), notificationsOf(id).getList("state"));
    }

    @Test
    void anExpiredCheckoutIsRecoveredFromItsEmailOnce_andATamperedLinkIsRefused() throws Exception {
        String email = newEmail();
        String sku = product(3);
        JsonPath expired = placeFor(email, newCustomer(), null, sku, 2);
        String id = expired.getString("id");
        assertEquals(List.of(3, 2, 1), stockOf(sku));

        Mail recoveryMail = awaitTypes(email, "order_placed", "checkout_recovery").get(1);
        assertEquals("EXPIRED", order(id).getString("status"));
        assertEquals(List.of(3, 0, 3), stockOf(sku), "the expiry released the hold");
        String link = link(recoveryMail.html(), "/orders/" + id + "/recovery");
        assertEquals(link, link(recoveryMail.text(), "/orders/" + id + "/recovery"));
        String token = link.replaceAll(".*token=([^&]+).*", "$1");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        given().header(DefaultToken.ANONYMOUS, "yes").get(link).then().statusCode(200)
                .body(containsString("id=\"recover\""));
        given().header(DefaultToken.ANONYMOUS, "yes").queryParam("token", tampered)
                .post("/orders/{id}/recovery", id).then().statusCode(403).contentType("application/problem+json");
        given().header(DefaultToken.ANONYMOUS, "yes").post("/orders/{id}/recovery", id).then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.customer(newCustomer())))
                .post("/orders/{id}/recovery", id).then().statusCode(403);

        // the link used twice at once, and then once more: one new order
        Callable<io.restassured.response.Response> use = () -> given().header(DefaultToken.ANONYMOUS, "yes")
                .accept(ContentType.JSON).queryParam("token", token).post("/orders/{id}/recovery", id);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<io.restassured.response.Response> answers = new ArrayList<>();
        try {
            List<Future<io.restassured.response.Response>> both = List.of(pool.submit(use), pool.submit(use));
            for (Future<io.restassured.response.Response> answer : both) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        answers.add(use.call());
        List<Integer> statuses = answers.stream().map(io.restassured.response.Response::statusCode).sorted().toList();
        assertEquals(List.of(200, 200, 201), statuses, answers.get(0).asString() + answers.get(1).asString());
        String recovered = answers.get(2).jsonPath().getString("id");
        assertTrue(answers.stream().allMatch(answer -> recovered.equals(answer.jsonPath().getString("id"))));

        JsonPath placed = order(recovered);
        assertEquals("PENDING_PAYMENT", placed.getString("status"));
        assertEquals(id, placed.getString("recoveredFrom"));
        assertEquals(2000, placed.getLong("total.amount"));
        assertEquals(List.of(3, 2, 1), stockOf(sku), "the new order holds the stock again");
        assertEquals(recovered, order(id).getString("recoveredBy"));
        given().get("/orders/{id}/history", id).then().statusCode(200)
                .body("type", org.hamcrest.Matchers.contains("order.placed", "order.expired", "order.recovered"))
                .body("[2].data.recoveredBy", equalTo(recovered));
        given().get("/orders/{id}/history", recovered).then().body("[0].data.recoveredFrom", equalTo(id));
        pay(recovered, "AUTHORIZATION", 2000, "r-" + recovered).statusCode(200);
        awaitTypes(email, "order_placed", "checkout_recovery", "order_placed", "order_confirmed");
    }

    @Test
    void aRecoveryShortOfStockIsRefusedWithTheShortages_andStaffCanRecover() {
        String email = newEmail();
        String sku = product(2);
        String id = placeFor(email, newCustomer(), null, sku, 2).getString("id");
        awaitTypes(email, "order_placed", "checkout_recovery");
        adjust(sku, -1, "SHRINKAGE").statusCode(200);
        given().accept(ContentType.JSON).post("/orders/{id}/recovery", id).then().statusCode(409)
                .contentType("application/problem+json").body("shortages[0].sku", equalTo(sku));
        assertEquals(List.of(1, 0, 1), stockOf(sku), "nothing held");
        adjust(sku, 1, "RESTOCK").statusCode(200);
        given().accept(ContentType.JSON).post("/orders/{id}/recovery", id).then().statusCode(201)
                .body("recoveredFrom", equalTo(id));
        // an order that did not expire cannot be recovered
        String live = placeFor(newEmail(), newCustomer(), null, product(1), 1).getString("id");
        given().accept(ContentType.JSON).post("/orders/{id}/recovery", live).then().statusCode(409);
    }
}
