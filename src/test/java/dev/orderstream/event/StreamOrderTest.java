package dev.orderstream.event;

import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.SseClient;
import dev.orderstream.support.SseClient.Frame;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.orderstream.support.Api.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An order's events stay in sequence order in the stream even when the transaction writing event
 * n+1 was given its transaction id before the one writing event n (it wrote something else first,
 * as an Idempotency-Key claim does). Reproduced with two raw connections.
 */
@QuarkusTest
class StreamOrderTest {

    private final DataSource db = TestDatabase.dataSource();

    @Test
    void aLaterEventWrittenByAnOlderTransactionStillComesAfterItsPredecessor() throws Exception {
        String customer = newCustomer();
        UUID id = placedOrder(customer);

        try (Connection older = db.getConnection(); Connection younger = db.getConnection()) {
            older.setAutoCommit(false);
            younger.setAutoCommit(false);
            try (var takeId = older.createStatement()) {
                takeId.execute("SELECT pg_current_xact_id()"); // the older transaction gets its id first
            }
            insertEvent(younger, id, customer, 2, "order.payment_authorized");
            younger.commit();
            insertEvent(older, id, customer, 3, "order.confirmed"); // written after event 2 committed
            older.commit();
        }

        assertEquals(List.of(1, 2, 3), sequencesInStreamOrder(id));
        try (SseClient stream = SseClient.connect("http://localhost:" + RestAssured.port + "/orders/" + id + "/events")) {
            List<String> types = stream.events(3, Duration.ofSeconds(10)).stream().map(Frame::event).toList();
            assertEquals(List.of("order.placed", "order.payment_authorized", "order.confirmed"), types);
        }
    }

    /**
     * Stream order is the transaction ids' numeric order: events of transactions 9 and 10 (ids of
     * different lengths, as every log reaches) come 9 first, though "10" sorts before "9" as text.
     */
    @Test
    void transactionIdsOfDifferentLengthsKeepTheirNumericOrder() throws Exception {
        String customer = newCustomer();
        UUID id = placedOrder(customer);
        try (Connection connection = db.getConnection()) {
            insertEvent(connection, id, customer, 2, "order.payment_authorized");
            try (PreparedStatement renumber = connection.prepareStatement(
                    "UPDATE order_events SET txid = (CASE sequence WHEN 1 THEN '9' ELSE '10' END)::xid8 WHERE order_id = ?")) {
                renumber.setObject(1, id);
                assertEquals(2, renumber.executeUpdate());
            }
        }

        try (SseClient stream = SseClient.connect("http://localhost:" + RestAssured.port + "/orders/" + id + "/events")) {
            List<String> types = stream.events(2, Duration.ofSeconds(10)).stream().map(Frame::event).toList();
            assertEquals(List.of("order.placed", "order.payment_authorized"), types);
        }
    }

    /** A new order of the customer's, with its first event (order.placed). */
    private static UUID placedOrder(String customer) {
        String sku = newSku("ORDERING");
        createProduct(sku, 1000, "EUR", 5);
        return UUID.fromString(placeOk(orderBody(customer, sku, 1)).getString("id"));
    }

    private static void insertEvent(Connection connection, UUID orderId, String customer, int sequence, String type)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
                VALUES (?, ?, ?, ?, now(), 'PENDING_PAYMENT', 'NONE', '{}'::jsonb)""")) {
            insert.setObject(1, orderId);
            insert.setString(2, customer);
            insert.setInt(3, sequence);
            insert.setString(4, type);
            insert.executeUpdate();
        }
        // keep the aggregate in step with its log, as the service does in the same transaction
        try (PreparedStatement advance = connection.prepareStatement(
                "UPDATE orders SET last_event_sequence = ?, version = version + 1 WHERE id = ?")) {
            advance.setInt(1, sequence);
            advance.setObject(2, orderId);
            assertEquals(1, advance.executeUpdate());
        }
    }

    private List<Integer> sequencesInStreamOrder(UUID orderId) throws SQLException {
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT sequence FROM order_events WHERE order_id = ? ORDER BY txid, id")) {
            query.setObject(1, orderId);
            List<Integer> sequences = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getInt(1));
                }
            }
            return sequences;
        }
    }
}
