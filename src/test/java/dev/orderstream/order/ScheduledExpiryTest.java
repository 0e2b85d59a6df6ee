package dev.orderstream.order;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scheduler really runs the sweeper: with a one-second hold, an unpaid order expires by itself. */
@QuarkusTest
@TestProfile(ScheduledExpiryTest.ShortHolds.class)
class ScheduledExpiryTest {

    public static class ShortHolds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "orderstream.reservation.ttl", "PT1S",
                    "orderstream.reservation.sweep-interval", "1s",
                    "orderstream.reservation.sweep-delay", "0s");
        }
    }

    @Test
    void anUnpaidOrderExpiresOnScheduleAndReleasesItsHold() {
        String sku = newSku("TICK");
        createProduct(sku, 1000, "EUR", 4);
        String id = placeOk(orderBody(newCustomer(), sku, 3)).getString("id");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> order(id).getString("status").equals("EXPIRED"));
        assertEquals(List.of(4, 0, 4), stockOf(sku));
    }
}
