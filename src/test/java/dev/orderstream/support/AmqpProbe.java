package dev.orderstream.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A real AMQP consumer bound to the {@code orders} exchange, as a back-office service would be:
 * it records every message with its routing key and properties.
 */
public final class AmqpProbe implements AutoCloseable {

    public record Received(String routingKey, String messageId, String contentType, Integer deliveryMode,
                           Map<String, Object> headers, String body) {
        public String orderId() {
            return String.valueOf(headers.get("order-id"));
        }

        public int sequence() {
            return Integer.parseInt(String.valueOf(headers.get("sequence")));
        }
    }

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private AmqpProbe(String queue, boolean durable) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        connection = factory.newConnection("orderstream-test-probe");
        channel = connection.createChannel();
        channel.exchangeDeclare("orders", "topic", true);
        if (queue == null) {
            this.queue = channel.queueDeclare().getQueue();
        } else {
            channel.queueDeclare(queue, durable, false, false, null);
            this.queue = queue;
        }
        channel.queueBind(this.queue, "orders", "#");
    }

    /** A temporary queue that lives as long as this probe. */
    public static AmqpProbe bind() throws Exception {
        return new AmqpProbe(null, false);
    }

    /** A durable named queue that outlives broker restarts (delete it with {@link #deleteQueue()}). */
    public static AmqpProbe durable(String queue) throws Exception {
        return new AmqpProbe(queue, true);
    }

    public AmqpProbe consume() throws Exception {
        DeliverCallback onMessage = (tag, delivery) -> {
            AMQP.BasicProperties properties = delivery.getProperties();
            Map<String, Object> headers = properties.getHeaders() == null ? Map.of()
                    : properties.getHeaders().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
            received.add(new Received(delivery.getEnvelope().getRoutingKey(), properties.getMessageId(),
                    properties.getContentType(), properties.getDeliveryMode(), headers,
                    new String(delivery.getBody(), StandardCharsets.UTF_8)));
        };
        channel.basicConsume(queue, true, onMessage, tag -> { });
        return this;
    }

    public List<Received> forOrder(String orderId) {
        return received.stream().filter(message -> orderId.equals(message.orderId())).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    public void deleteQueue() throws Exception {
        channel.queueDelete(queue);
    }

    @Override
    public void close() throws Exception {
        if (connection.isOpen()) {
            connection.close();
        }
    }
}
