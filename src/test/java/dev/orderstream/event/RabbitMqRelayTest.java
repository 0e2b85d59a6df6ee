package dev.orderstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.support.AmqpProbe;
import dev.orderstream.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real AMQP consumer bound to the orders exchange receives one order's whole life, in order. */
@QuarkusTest
class RabbitMqRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource db = TestDatabase.dataSource();

    @Test
    void anOrdersWholeLifeArrivesWithTheRightRoutingKeysInSequenceOrder() throws Exception {
        String sku = newSku("AMQP");
        createProduct(sku, 1000, "EUR", 10);
        try (AmqpProbe probe = AmqpProbe.bind().consume()) {
            JsonPath placed = placeOk(orderBody(newCustomer(), sku, 2));
            String id = placed.getString("id");
            pay(id, "AUTHORIZATION", 2000, "a").statusCode(200);
            pay(id, "CAPTURE", 2000, "c").statusCode(200);
            String fulfillment = fulfill(id, "T-1", sku, 2).statusCode(200).extract().path("fulfillments[0].id");
            scan(id, fulfillment, "exception", java.time.Instant.now().toString(),
                    java.time.Instant.now().plusSeconds(86_400).toString(), java.util.UUID.randomUUID().toString())
                    .statusCode(201);
            deliver(id, fulfillment).statusCode(200);
            String returnId = requestReturn(id, sku, 1).statusCode(200).extract().path("returns[0].id");
            receiveReturn(id, returnId, true).statusCode(200);
            refund(id, 1000, returnId).statusCode(200);

            List<Map<String, Object>> history = given().get("/orders/{id}/history", id).then().statusCode(200)
                    .extract().jsonPath().getList("");
            await().atMost(Duration.ofSeconds(15)).until(() -> probe.forOrder(id).size() >= history.size());
            List<AmqpProbe.Received> messages = probe.forOrder(id);

            assertEquals(history.size(), messages.size(), "each event once");
            assertEquals(history.stream().map(e -> e.get("type")).toList(),
                    messages.stream().map(AmqpProbe.Received::routingKey).toList(), "routing key = type, in order");
            assertEquals(history.stream().map(e -> String.valueOf(e.get("id"))).toList(),
                    messages.stream().map(AmqpProbe.Received::messageId).toList(), "message_id = event id");
            for (int i = 0; i < messages.size(); i++) {
                AmqpProbe.Received message = messages.get(i);
                assertEquals(i + 1, message.sequence(), "sequence header");
                assertEquals(id, message.orderId(), "order-id header");
                assertEquals("application/json", message.contentType());
                assertEquals(2, message.deliveryMode(), "persistent");
                JsonNode body = JSON.readTree(message.body());
                assertEquals(history.get(i).get("type"), body.get("type").asText());
                assertEquals(((Number) history.get(i).get("id")).longValue(), body.get("id").asLong());
                assertEquals(i + 1, body.get("sequence").asInt());
                assertEquals(history.get(i).get("status"), body.get("status").asText());
            }
            assertEquals(List.of("order.placed", "order.payment_authorized", "order.confirmed",
                    "order.payment_captured", "order.fulfillment_created", "order.fulfilled",
                    "order.shipment_updated", "order.delivery_estimate_changed", "order.shipment_exception",
                    "order.attention_needed", "order.shipment_delivered", "order.delivered", "order.attention_cleared",
                    "order.return_requested",
                    "order.return_received", "order.refunded"),
                    messages.stream().map(AmqpProbe.Received::routingKey).toList());
        }
    }

    @Test
    void theOutboxLagFallsToZeroOnceTheBrokerConfirmedEveryEvent() {
        String sku = newSku("MARK");
        createProduct(sku, 1000, "EUR", 10);
        String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                given().get("/q/health/ready").then().extract().jsonPath()
                        .getInt("checks.find { it.name == 'Event outbox (RabbitMQ relay)' }.data.unpublished") == 0);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("orderstream_outbox_unpublished"));
        assertEquals("order.placed", given().get("/orders/{id}/history", id).then().extract().path("[0].type"));
    }

    /**
     * The relay follows a position in the stream. A transaction that took its id before another
     * order was placed, and commits its event after that order's, must not be passed over: the relay
     * waits for it, then publishes both (reading only settled events; without that, the position
     * would move past the late event and it would never be published).
     */
    @Test
    void anEventCommittedLateByAnOlderTransactionIsStillPublished() throws Exception {
        String sku = newSku("LATE");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        try (AmqpProbe probe = AmqpProbe.bind().consume(); Connection older = db.getConnection()) {
            String first = placeOk(orderBody(customer, sku, 1)).getString("id");
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.forOrder(first).size() == 1);

            older.setAutoCommit(false);
            try (var takeId = older.createStatement()) {
                takeId.execute("SELECT pg_current_xact_id()"); // its id is now older than the next placement's
            }
            String second = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
            try (PreparedStatement insert = older.prepareStatement("""
                    INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
                    VALUES (?, ?, 2, 'order.note_added', now(), 'PENDING_PAYMENT', 'PENDING', '{}'::jsonb)""");
                 PreparedStatement advance = older.prepareStatement(
                         "UPDATE orders SET last_event_sequence = 2, version = version + 1 WHERE id = ?")) {
                insert.setObject(1, UUID.fromString(first));
                insert.setString(2, customer);
                assertEquals(1, insert.executeUpdate());
                advance.setObject(1, UUID.fromString(first));
                assertEquals(1, advance.executeUpdate());
            }
            older.commit();

            await().atMost(Duration.ofSeconds(15)).until(() -> probe.forOrder(first).size() == 2
                    && probe.forOrder(second).size() == 1);
            assertEquals(List.of("order.placed", "order.note_added"),
                    probe.forOrder(first).stream().map(AmqpProbe.Received::routingKey).toList());
            assertEquals(List.of("order.placed"),
                    probe.forOrder(second).stream().map(AmqpProbe.Received::routingKey).toList());
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                given().get("/q/health/ready").then().extract().jsonPath()
                        .getInt("checks.find { it.name == 'Event outbox (RabbitMQ relay)' }.data.unpublished") == 0);
    }
}
