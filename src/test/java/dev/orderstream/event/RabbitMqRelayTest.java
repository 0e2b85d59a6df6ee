package dev.orderstream.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.support.AmqpProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real AMQP consumer bound to the orders exchange receives one order's whole life, in order. */
@QuarkusTest
class RabbitMqRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    void everyEventIsMarkedPublishedOnceTheBrokerConfirmedIt() {
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
}
