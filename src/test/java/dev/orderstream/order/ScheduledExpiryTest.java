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

    /** The analytics count the hold that ran out and the units it gave back (channel "expiry", its own). */
    @Test
    void anExpiredHoldCountsInTheStockFigures() {
        String sku = newSku("LAPSE");
        createProduct(sku, 1000, "EUR", 5);
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>(orderBody(newCustomer(), sku, 3));
        body.put("channel", "expiry");
        String id = placeOk(body).getString("id");
        await().atMost(Duration.ofSeconds(15)).until(() -> order(id).getString("status").equals("EXPIRED"));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        io.restassured.path.json.JsonPath figures = await().atMost(Duration.ofSeconds(30)).until(
                () -> io.restassured.RestAssured.given().queryParam("channel", "expiry")
                        .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                        .get("/analytics/stock").then().statusCode(200).extract().jsonPath(),
                report -> report.getLong("expiredHolds") == 1);
        assertEquals(3, figures.getLong("unitsReleased"));
        assertEquals(List.of(java.util.Map.of("sku", sku, "units", 3)), figures.getList("releasedBySku"));
        assertEquals(0, figures.getLong("unitsSold"));
        assertEquals(List.of(), figures.getList("soldOut"));
    }
}
