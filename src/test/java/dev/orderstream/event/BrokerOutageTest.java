package dev.orderstream.event;

import dev.orderstream.support.AmqpProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fault test against the real broker: with RabbitMQ stopped the API keeps taking and changing
 * orders; when it is back every event arrives, once, in order. The broker is always restarted.
 */
@QuarkusTest
class BrokerOutageTest {

    @Test
    void eventsWaitInTheLogWhileTheBrokerIsDownAndArriveOnceInOrderAfterwards() throws Exception {
        String sku = newSku("OUTAGE");
        createProduct(sku, 1000, "EUR", 50);
        String queue = "orderstream-test-outage-" + UUID.randomUUID();
        AmqpProbe.durable(queue).close();

        List<String> orders = new ArrayList<>();
        try {
            rabbitmqctl("stop_app");
            for (int i = 0; i < 5; i++) {
                String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
                pay(id, "AUTHORIZATION", 1000, "auth-" + i).statusCode(200);
                if (i % 2 == 0) {
                    cancel(id, "CUSTOMER").statusCode(200);
                }
                orders.add(id);
            }
            await("events wait in the log while the broker is down")
                    .atMost(Duration.ofSeconds(10)).until(() -> unpublished() > 0);
        } finally {
            rabbitmqctl("start_app");
        }

        try (AmqpProbe probe = AmqpProbe.durable(queue).consume()) {
            for (String id : orders) {
                int events = given().get("/orders/{id}/history", id).then().extract().jsonPath().getList("").size();
                await().atMost(Duration.ofSeconds(60)).until(() -> probe.forOrder(id).size() >= events);
            }
            // give a duplicate, if any, time to arrive before counting
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            for (String id : orders) {
                List<Map<String, Object>> history = given().get("/orders/{id}/history", id).then().extract()
                        .jsonPath().getList("");
                List<AmqpProbe.Received> messages = probe.forOrder(id);
                assertEquals(history.stream().map(e -> String.valueOf(e.get("id"))).toList(),
                        messages.stream().map(AmqpProbe.Received::messageId).toList(),
                        "every event of " + id + " once, in order");
            }
            Set<String> ids = new HashSet<>();
            probe.all().forEach(message -> assertTrue(ids.add(message.messageId()), "duplicate " + message.messageId()));
            probe.deleteQueue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
    }

    private static int unpublished() {
        return given().get("/q/health/ready").then().extract().jsonPath()
                .getInt("checks.find { it.name == 'Event outbox (RabbitMQ relay)' }.data.unpublished");
    }

    static void rabbitmqctl(String command) throws Exception {
        Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + command + " failed");
        }
    }
}
