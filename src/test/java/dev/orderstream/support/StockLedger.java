package dev.orderstream.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the database directly to check the stock invariants the API cannot show in one call:
 * {@code 0 <= reserved <= onHand}, and {@code reserved} equals the units open orders still hold.
 */
public final class StockLedger {

    private final DataSource db;

    public StockLedger(DataSource db) {
        this.db = db;
    }

    public void assertConsistent(String... skus) {
        for (String sku : skus) {
            long[] figures = query("""
                    SELECT p.on_hand, p.reserved,
                           COALESCE((SELECT SUM(l.quantity - l.shipped_quantity)
                                     FROM order_lines l JOIN orders o ON o.id = l.order_id
                                     WHERE l.sku = p.sku AND o.status NOT IN ('CANCELLED', 'EXPIRED')), 0)
                    FROM products p WHERE p.sku = ?""", sku);
            long onHand = figures[0];
            long reserved = figures[1];
            long heldByOpenOrders = figures[2];
            assertTrue(0 <= reserved && reserved <= onHand, sku + ": 0 <= reserved <= onHand broken");
            assertEquals(heldByOpenOrders, reserved, sku + ": reserved must equal the units open orders hold");
        }
    }

    /** How many rows a table has for one order: to prove nothing was half-written. */
    public long countFor(String table, String orderId) {
        return query("SELECT count(*) FROM " + table + " WHERE order_id = ?::uuid", orderId)[0];
    }

    public long count(String sql, String parameter) {
        return query(sql, parameter)[0];
    }

    private long[] query(String sql, String parameter) {
        try (Connection connection = db.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no row for " + parameter);
                }
                int columns = rows.getMetaData().getColumnCount();
                List<Long> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rows.getLong(i));
                }
                return values.stream().mapToLong(Long::longValue).toArray();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
