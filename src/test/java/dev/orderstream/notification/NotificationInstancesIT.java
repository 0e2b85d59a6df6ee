package dev.orderstream.notification;

import dev.orderstream.support.DefaultToken;
import dev.orderstream.support.PackagedApp;
import dev.orderstream.support.SmtpServer;
import dev.orderstream.support.TestDatabase;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged instances (the jar, or the native executable in a native build) against one schema
 * and one SMTP server: every email is sent once, by one of them.
 */
class NotificationInstancesIT {

    private static final String SCHEMA = "orderstream_notify_it";
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final SmtpServer SMTP = new SmtpServer();

    private static PackagedApp a;
    private static PackagedApp b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        TestDatabase.dropSchema(SCHEMA);
        DefaultToken.install();
        SMTP.start();
        String[] settings = {"orderstream.notifications.enabled=true", "quarkus.mailer.host=127.0.0.1",
                "quarkus.mailer.port=" + SMTP.port(), "orderstream.notifications.poll-interval=200ms",
                "orderstream.notifications.link-key=two-instances-link-key-0123456789abcdef"};
        a = PackagedApp.start("notifications-a", 18085, SCHEMA, settings);
        b = PackagedApp.start("notifications-b", 18086, SCHEMA, settings);
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedApp instance : new PackagedApp[]{a, b}) {
            if (instance != null) {
                instance.stop();
            }
        }
        SMTP.stop();
        RestAssured.reset();
    }

    @Test
    void twoInstancesSendEachEmailOnce() {
        a.use();
        String sku = newSku("MAIL2");
        createProduct(sku, 1000, "EUR", 1000);
        Map<String, String> emailOf = new HashMap<>();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "two-" + UUID.randomUUID() + "@example.com";
            (i % 2 == 0 ? a : b).use();
            Map<String, Object> body = orderBody(newCustomer(), sku, 1);
            body.put("email", email);
            String id = given().contentType(ContentType.JSON).body(body).post("/orders").then().statusCode(201)
                    .extract().jsonPath().getString("id");
            (i % 2 == 0 ? b : a).use();
            pay(id, "AUTHORIZATION", 1000, "two-" + i).statusCode(200);
            orders.add(id);
            emailOf.put(id, email);
        }
        await().atMost(WAIT).until(() -> orders.stream().allMatch(id -> SMTP.to(emailOf.get(id)).size() >= 2));
        a.use();
        for (String id : orders) {
            assertEquals(List.of("order_placed", "order_confirmed"), SMTP.typesTo(emailOf.get(id)));
            JsonPath log = given().get("/orders/{id}/notifications", id).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("SENT", "SENT"), log.getList("state"));
            assertTrue(log.getList("attempts", Integer.class).stream().allMatch(attempts -> attempts == 1),
                    "each email claimed once, by one instance");
        }
        List<String> messageIds = orders.stream().flatMap(id -> SMTP.to(emailOf.get(id)).stream())
                .map(SmtpServer.Mail::messageId).distinct().toList();
        assertEquals(40, messageIds.size());
    }
}
