package dev.orderstream.order;

import dev.orderstream.support.TestDatabase;
import dev.orderstream.support.StockLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The expiry sweeper releases each lapsed hold exactly once, even with two sweepers racing. */
@QuarkusTest
class ExpiryTest {

    @Inject
    ExpirySweeper sweeper;

    private final DataSource db = TestDatabase.dataSource();

    @Test
    void twoSweepersRacingReleaseEachHoldOnce() throws Exception {
        String sku = newSku("LAPSE");
        createProduct(sku, 1000, "EUR", 30);
        // A paid order keeps its 5 units held: expiry must not touch it.
        JsonPath paid = placeOk(orderBody(newCustomer(), sku, 5));
        pay(paid.getString("id"), "AUTHORIZATION", 5000, "auth").statusCode(200);
        List<String> unpaid = new ArrayList<>();
        Instant latestHold = Instant.EPOCH;
        for (int i = 0; i < 12; i++) {
            JsonPath order = placeOk(orderBody(newCustomer(), sku, 2));
            unpaid.add(order.getString("id"));
            Instant until = Instant.parse(order.getString("reservedUntil"));
            latestHold = until.isAfter(latestHold) ? until : latestHold;
        }
        assertEquals(List.of(30, 29, 1), stockOf(sku));

        Instant afterEveryHold = latestHold.plusSeconds(1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(sweepers.submit(() -> {
                    start.await();
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(afterEveryHold));
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            sweepers.shutdown();
        }

        assertEquals(List.of(30, 5, 25), stockOf(sku), "24 held units released once, the paid order's 5 kept");
        for (String id : unpaid) {
            given().get("/orders/{id}/history", id).then()
                    .statusCode(200)
                    .body("type", contains("order.placed", "order.expired"));
            assertEquals("EXPIRED", order(id).getString("status"));
        }
        assertEquals("CONFIRMED", order(paid.getString("id")).getString("status"));
        new StockLedger(db).assertConsistent(sku);
    }

    /**
     * Cancellations racing the sweeper over orders whose holds lapsed: each order ends cancelled or
     * expired, once, and each cancellation is a 200 or a 409, never a deadlock's 500. (Found by the
     * database outage test: a cancellation locked stock before its order, the sweeper the other way.)
     */
    @Test
    void cancellationsRacingTheSweeperEndEachOrderOnceWithoutADeadlock() throws Exception {
        String first = newSku("RACE-A");
        String second = newSku("RACE-B");
        createProduct(first, 1000, "EUR", 200);
        createProduct(second, 1000, "EUR", 200);
        List<String> ids = new ArrayList<>();
        Instant latestHold = Instant.EPOCH;
        for (int i = 0; i < 40; i++) {
            JsonPath order = placeOk(orderBody(newCustomer(), first, 1, second, 1));
            ids.add(order.getString("id"));
            Instant until = Instant.parse(order.getString("reservedUntil"));
            latestHold = until.isAfter(latestHold) ? until : latestHold;
        }
        Instant afterEveryHold = latestHold.plusSeconds(1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(9);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> work = new ArrayList<>();
            work.add(clients.submit(() -> {
                start.await();
                for (int swept = -1; swept != 0; ) {
                    try {
                        swept = VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(afterEveryHold));
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                }
                return null;
            }));
            for (String id : ids) {
                work.add(clients.submit(() -> {
                    start.await();
                    statuses.add(cancel(id, "CUSTOMER").extract().statusCode());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            clients.shutdown();
        }
        assertEquals(List.of(), statuses.stream().filter(status -> status != 200 && status != 409).toList(),
                "a cancellation is done (200) or comes too late (409), never a 500");
        for (String id : ids) {
            String status = order(id).getString("status");
            List<String> types = given().get("/orders/{id}/history", id).then().statusCode(200)
                    .extract().jsonPath().getList("type", String.class);
            assertEquals(List.of("order.placed", "CANCELLED".equals(status) ? "order.cancelled" : "order.expired"),
                    types, id + " ended once");
        }
        assertEquals(List.of(200, 0, 200), stockOf(first));
        assertEquals(List.of(200, 0, 200), stockOf(second));
        new StockLedger(db).assertConsistent(first, second);
    }

    @Test
    void aSweepBeforeTheHoldRunsOutChangesNothing() throws Throwable {
        String sku = newSku("FRESH");
        createProduct(sku, 1000, "EUR", 3);
        String id = placeOk(orderBody(newCustomer(), sku, 1)).getString("id");
        VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(Instant.now()));
        assertEquals("PENDING_PAYMENT", order(id).getString("status"));
        assertEquals(List.of(3, 1, 2), stockOf(sku));
    }

    @Test
    void anExpiredOrderTakesNoPayment() throws Throwable {
        String sku = newSku("LATE");
        createProduct(sku, 1000, "EUR", 3);
        JsonPath placed = placeOk(orderBody(newCustomer(), sku, 1));
        Instant after = Instant.parse(placed.getString("reservedUntil")).plusSeconds(1);
        VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(after));
        pay(placed.getString("id"), "AUTHORIZATION", 1000, "too-late").statusCode(409)
                .body("currentStatus", org.hamcrest.Matchers.is("EXPIRED"));
        assertEquals(List.of(3, 0, 3), stockOf(sku));
    }

    @Test
    void anOrderThatCannotExpireHoldsUpNoOtherAndIsTriedAgainLater() throws Throwable {
        String poisoned = newSku("POISON");
        String healthy = newSku("HEALTHY");
        createProduct(poisoned, 1000, "EUR", 5);
        createProduct(healthy, 1000, "EUR", 5);
        String stuck = placeOk(orderBody(newCustomer(), poisoned, 1)).getString("id");
        String first = placeOk(orderBody(newCustomer(), healthy, 1)).getString("id");
        JsonPath second = placeOk(orderBody(newCustomer(), healthy, 2));
        Instant afterEveryHold = Instant.parse(second.getString("reservedUntil")).plusSeconds(1);
        // the database and the order now disagree about the poisoned SKU: its hold cannot be released
        setReserved(poisoned, 0);
        try {
            VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(afterEveryHold));
            assertEquals("EXPIRED", order(first).getString("status"));
            assertEquals("EXPIRED", order(second.getString("id")).getString("status"));
            assertEquals(List.of(5, 0, 5), stockOf(healthy));
            assertEquals("PENDING_PAYMENT", order(stuck).getString("status"), "the poisoned order is left as it was");
            given().get("/orders/{id}/history", stuck).then().statusCode(200).body("type", contains("order.placed"));
        } finally {
            setReserved(poisoned, 1);
        }
        // mended, it expires on the next sweep
        VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(afterEveryHold));
        assertEquals("EXPIRED", order(stuck).getString("status"));
        assertEquals(List.of(5, 0, 5), stockOf(poisoned));
        new StockLedger(db).assertConsistent(poisoned, healthy);
    }

    /**
     * A sweep's batch takes its products' rows in SKU order when it gives its units back, as a
     * placement batch holds them: released order by order (the older hold first) it took them out of
     * order, and with placements holding the same SKUs under load the two deadlocked (a bench run: 36
     * deadlocks while 11,151 orders expired). Here the older order has the higher SKU, and its row is
     * held by another transaction: the sweep must already hold the lower SKU while it waits.
     */
    @Test
    void aSweepTakesItsProductsInSkuOrderAsAPlacementBatchDoes() throws Exception {
        List<String> skus = new ArrayList<>(List.of(newSku("ORDER"), newSku("ORDER")));
        java.util.Collections.sort(skus);
        String low = skus.get(0);
        String high = skus.get(1);
        createProduct(low, 1000, "EUR", 10);
        createProduct(high, 1000, "EUR", 10);
        String older = placeOk(orderBody(newCustomer(), high, 1)).getString("id");
        JsonPath newer = placeOk(orderBody(newCustomer(), low, 1));
        Instant afterBothHolds = Instant.parse(newer.getString("reservedUntil")).plusSeconds(1);

        ExecutorService sweeping = Executors.newSingleThreadExecutor();
        try (Connection holder = db.getConnection(); Connection probe = db.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT sku FROM products WHERE sku = ? FOR UPDATE")) {
                lock.setString(1, high);
                lock.executeQuery().close();
            }
            Future<Integer> sweep = sweepInBackground(sweeping, afterBothHolds);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> waitingForAProduct(probe));

            probe.setAutoCommit(false);
            try (PreparedStatement tryLock = probe.prepareStatement(
                    "SELECT sku FROM products WHERE sku = ? FOR NO KEY UPDATE NOWAIT")) {
                tryLock.setString(1, low);
                java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> tryLock.executeQuery().close(), "the sweep holds the lower SKU while it waits for the higher");
                assertEquals("55P03", refused.getSQLState(), "lock_not_available");
            }
            probe.rollback();
            holder.rollback();
            sweep.get();
        } finally {
            sweeping.shutdown();
        }
        assertEquals("EXPIRED", order(older).getString("status"));
        assertEquals("EXPIRED", order(newer.getString("id")).getString("status"));
        assertEquals(List.of(10, 0, 10), stockOf(low));
        assertEquals(List.of(10, 0, 10), stockOf(high));
    }

    /**
     * A sweep's batch gives its units back in one pass at its end: while it is still expiring its
     * orders, their products are free for placements. Locked up front for the whole batch (about a
     * second for 100 orders), they stalled placements for 15 s in a bench run while 3,600 orders
     * expired. Here the batch is stopped at its first event (the log is locked against writes): its
     * orders are locked, their product is not; then both orders' units go back, summed, in one update.
     */
    @Test
    void aSweepHoldsNoProductWhileItExpiresItsOrders() throws Throwable {
        String sku = newSku("PASS");
        createProduct(sku, 1000, "EUR", 10);
        JsonPath first = placeOk(orderBody(newCustomer(), sku, 2));
        JsonPath second = placeOk(orderBody(newCustomer(), sku, 3));
        // every older overdue order (other tests') expires first, so that the batch stopped below is this test's
        VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(Instant.parse(first.getString("reservedUntil")).minusNanos(1000)));
        Instant afterBothHolds = Instant.parse(second.getString("reservedUntil")).plusSeconds(1);

        ExecutorService sweeping = Executors.newSingleThreadExecutor();
        try (Connection holder = db.getConnection(); Connection probe = db.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("LOCK TABLE order_events IN SHARE MODE")) {
                lock.execute();
            }
            Future<Integer> sweep = sweepInBackground(sweeping, afterBothHolds);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> waitingFor(probe, "order_events"));

            probe.setAutoCommit(false);
            try (PreparedStatement tryLock = probe.prepareStatement(
                    "SELECT id FROM orders WHERE id = ?::uuid FOR UPDATE NOWAIT")) {
                tryLock.setString(1, first.getString("id"));
                java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> tryLock.executeQuery().close(), "the stopped batch is this test's: it holds the order");
                assertEquals("55P03", refused.getSQLState(), "lock_not_available");
            }
            probe.rollback();
            try (PreparedStatement tryLock = probe.prepareStatement(
                    "SELECT sku FROM products WHERE sku = ? FOR NO KEY UPDATE NOWAIT")) {
                tryLock.setString(1, sku);
                tryLock.executeQuery().close(); // throws 55P03 if the batch held the product
            }
            probe.rollback();
            holder.rollback();
            assertEquals(2, sweep.get());
        } finally {
            sweeping.shutdown();
        }
        assertEquals("EXPIRED", order(first.getString("id")).getString("status"));
        assertEquals("EXPIRED", order(second.getString("id")).getString("status"));
        assertEquals(List.of(10, 0, 10), stockOf(sku));
        new StockLedger(db).assertConsistent(sku);
    }

    /** A sweep at {@code now} on {@code executor}'s thread, for a test that holds a lock it will meet. */
    private Future<Integer> sweepInBackground(ExecutorService executor, Instant now) {
        return executor.submit(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> sweeper.sweep(now));
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
    }

    private static boolean waitingForAProduct(Connection probe) throws Exception {
        return waitingFor(probe, "products");
    }

    private static boolean waitingFor(Connection probe, String table) throws Exception {
        try (PreparedStatement waiting = probe.prepareStatement("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE ? AND pid <> pg_backend_pid()""")) {
            waiting.setString(1, "%" + table + "%");
            try (java.sql.ResultSet rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private void setReserved(String sku, int reserved) throws Exception {
        try (Connection connection = db.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE products SET reserved = ? WHERE sku = ?")) {
            update.setInt(1, reserved);
            update.setString(2, sku);
            assertEquals(1, update.executeUpdate());
        }
    }
}
