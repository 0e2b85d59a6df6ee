package dev.orderstream.analytics;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Sales figures from the event log: a scripted history in a channel of its own ("analytics"), every
 * figure checked by hand, then the same numbers after a rebuild from scratch.
 */
@QuarkusTest
class AnalyticsTest {

    private static Map<String, Object> order(String sku, int quantity) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(orderBody(newCustomer(), sku, quantity));
        body.put("channel", "analytics");
        return body;
    }

    /** The channel's figures summed over the days around today (a test near midnight spans two). */
    private static JsonPath sales() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return given().queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                .queryParam("channel", "analytics").queryParam("groupBy", "month")
                .get("/analytics/sales").then().statusCode(200).extract().jsonPath();
    }

    private static int sum(JsonPath sales, String field) {
        List<Integer> values = sales.getList("series." + field);
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void aScriptedHistoryGivesEveryFigureAndARebuildGivesTheSame() {
        String sku = newSku("ANA");
        createProduct(sku, 1000, "EUR", 100);
        // A: 2 units, confirmed, captured, 500 refunded; B: 1 unit, confirmed; C: 3 units, cancelled; D: pending
        String a = placeOk(order(sku, 2)).getString("id");
        pay(a, "AUTHORIZATION", 2000, "auth-" + a).statusCode(200);
        pay(a, "CAPTURE", 2000, "cap-" + a).statusCode(200);
        refund(a, 500, null).statusCode(200);
        String b = placeOk(order(sku, 1)).getString("id");
        pay(b, "AUTHORIZATION", 1000, "auth-" + b).statusCode(200);
        String c = placeOk(order(sku, 3)).getString("id");
        cancel(c, "CUSTOMER").statusCode(200);
        placeOk(order(sku, 1));

        JsonPath figures = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(AnalyticsTest::sales, sales -> !sales.getList("series").isEmpty()
                        && sum(sales, "ordersPlaced") == 4 && sum(sales, "refunds.amount") == 500
                        && sum(sales, "ordersCancelled") == 1);
        assertFigures(figures);
        assertSpreadsheet(figures);

        given().post("/analytics/rebuild").then().statusCode(202);
        JsonPath rebuilt = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(AnalyticsTest::sales, sales -> !sales.getList("series").isEmpty()
                        && sum(sales, "ordersPlaced") == 4 && sum(sales, "refunds.amount") == 500
                        && sum(sales, "ordersCancelled") == 1);
        assertFigures(rebuilt);
    }

    private static void assertFigures(JsonPath sales) {
        assertEquals("analytics", sales.getString("channel"));
        assertEquals("UTC", sales.getString("zone"));
        assertEquals(List.of("EUR"), sales.getList("series.currency").stream().distinct().toList());
        assertEquals(4, sum(sales, "ordersPlaced"));
        assertEquals(2, sum(sales, "ordersConfirmed"));
        assertEquals(1, sum(sales, "ordersCancelled"));
        assertEquals(0, sum(sales, "ordersExpired"));
        assertEquals(3, sum(sales, "unitsSold"), "the units of the confirmed orders");
        assertEquals(3000, sum(sales, "grossRevenue.amount"), "the totals of the confirmed orders");
        assertEquals(500, sum(sales, "refunds.amount"));
        assertEquals(2500, sum(sales, "netRevenue.amount"));
        if (sales.getList("series").size() == 1) {
            assertEquals(1500, sales.getInt("series[0].averageOrderValue.amount"), "3000 over 2 confirmed orders");
        }
    }

    /**
     * Lead times through the API, in a channel of their own ("fulfillment"): two orders placed, paid,
     * shipped with DHL and delivered a moment later, one left confirmed. Durations of a test run are
     * seconds at most; what each counts, by hand, is LeadTimesTest's.
     */
    @Test
    void leadTimesCountEachMilestoneOncePerOrderAndByCarrier() {
        String sku = newSku("LEAD");
        createProduct(sku, 500, "EUR", 10);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(orderBody(newCustomer(), sku, 1));
            body.put("channel", "fulfillment");
            String id = placeOk(body).getString("id");
            pay(id, "AUTHORIZATION", 500, "lead-" + id).statusCode(200);
            if (i < 2) {
                String shipment = fulfill(id, "LEAD-" + i, sku, 1).statusCode(200).extract().path("fulfillments[0].id");
                deliver(id, shipment).statusCode(200);
            }
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath figures = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().queryParam("channel", "fulfillment").queryParam("groupBy", "month")
                        .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                        .get("/analytics/lead-times").then().statusCode(200).extract().jsonPath(),
                // the third order's confirmation comes after the other two's deliveries in the log
                report -> count(report, "placedToDelivered", null) == 2 && count(report, "placedToConfirmed", null) == 3);
        assertEquals(3, count(figures, "placedToConfirmed", null), "every confirmation");
        assertEquals(2, count(figures, "confirmedToShipped", null), "the two shipped");
        assertEquals(2, count(figures, "confirmedToShipped", "DHL"), "by their carrier");
        assertEquals(2, count(figures, "shippedToDelivered", "DHL"));
        assertEquals(2, count(figures, "placedToDelivered", null));
        assertEquals(0, count(figures, "placedToConfirmed", "DHL"), "confirmation has no carrier");
        assertEquals(24, figures.getInt("withinHours"));
        for (Map<String, Object> period : figures.<Map<String, Object>>getList("series")) {
            long p50 = ((Number) period.get("p50Seconds")).longValue();
            long max = ((Number) period.get("maxSeconds")).longValue();
            assertTrue(p50 >= 0 && p50 <= max && max < 600, "a test's durations are seconds: " + period);
            assertEquals(1.0, ((Number) period.get("shareWithin")).doubleValue(), "all within 24 hours: " + period);
        }
        // this whole week and this whole month, read from their own stored histograms, say the same
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        for (String[] range : new String[][]{{monday.toString(), monday.plusDays(6).toString(), "week"},
                {today.withDayOfMonth(1).toString(), today.withDayOfMonth(today.lengthOfMonth()).toString(), "month"}}) {
            JsonPath whole = given().queryParam("channel", "fulfillment").queryParam("groupBy", range[2])
                    .queryParam("from", range[0]).queryParam("to", range[1])
                    .get("/analytics/lead-times").then().statusCode(200).extract().jsonPath();
            assertEquals(3, count(whole, "placedToConfirmed", null), range[2]);
            assertEquals(2, count(whole, "confirmedToShipped", "DHL"), range[2]);
            assertEquals(2, count(whole, "placedToDelivered", null), range[2]);
        }

        // a rebuild from the log gives the same histograms, so the same percentiles
        given().post("/analytics/rebuild").then().statusCode(202);
        JsonPath rebuilt = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().queryParam("channel", "fulfillment").queryParam("groupBy", "month")
                        .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                        .get("/analytics/lead-times").then().statusCode(200).extract().jsonPath(),
                report -> count(report, "placedToDelivered", null) == 2 && count(report, "placedToConfirmed", null) == 3);
        assertEquals(figures.getList("series"), rebuilt.getList("series"), "the same numbers after a rebuild");

        // the same as a spreadsheet: a row per period, metric and carrier
        String csv = given().accept("text/csv").queryParam("channel", "fulfillment").queryParam("groupBy", "month")
                .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                .get("/analytics/lead-times").then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"lead-times-.*-month\\.csv\""))
                .extract().asString();
        List<String> rows = List.of(csv.split("\r\n"));
        assertEquals("period,start,metric,carrier,count,p50_seconds,p90_seconds,p99_seconds,max_seconds,"
                + "share_within_hours,within_hours", rows.get(0));
        assertEquals(1 + rebuilt.getList("series").size(), rows.size(), csv);
        Map<String, Object> first = rebuilt.getMap("series[0]");
        assertEquals(String.join(",", String.valueOf(first.get("period")), String.valueOf(first.get("start")),
                String.valueOf(first.get("metric")), "", String.valueOf(first.get("count")), String.valueOf(first.get("p50Seconds")),
                String.valueOf(first.get("p90Seconds")), String.valueOf(first.get("p99Seconds")),
                String.valueOf(first.get("maxSeconds")), "1.0", "24"), rows.get(1));
        given().queryParam("withinHours", "0").get("/analytics/lead-times").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("withinHours"));
    }

    /**
     * Post-sale figures, in a channel of their own ("aftersales"), every number by hand: four orders —
     * A delivered, one of its two units returned and received back, then refunded 700 for it, and
     * rated 4 through the tracking page; B rated 2 after delivery; C cancelled by the customer after
     * payment (its authorization voided, nothing refunded); D cancelled by the merchant.
     */
    @Test
    void postSaleFiguresCountCancellationsRefundsReturnsAndFeedback() {
        String sku = newSku("AFTER");
        createProduct(sku, 1000, "EUR", 20);
        List<String> ids = new java.util.ArrayList<>();
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(orderBody(newCustomer(), sku, i == 0 ? 2 : 1));
            body.put("channel", "aftersales");
            JsonPath placed = placeOk(body);
            ids.add(placed.getString("id"));
            tokens.add(placed.getString("trackingToken"));
            pay(placed.getString("id"), "AUTHORIZATION", i == 0 ? 2000 : 1000, "after-" + i).statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            String id = ids.get(i);
            pay(id, "CAPTURE", i == 0 ? 2000 : 1000, "after-capture-" + i).statusCode(200);
            String shipment = fulfill(id, "AFTER-" + i, sku, i == 0 ? 2 : 1).statusCode(200).extract().path("fulfillments[0].id");
            deliver(id, shipment).statusCode(200);
        }
        String returnId = requestReturn(ids.get(0), sku, 1).statusCode(200).extract().path("returns[0].id");
        receiveReturn(ids.get(0), returnId, true).statusCode(200);
        refund(ids.get(0), 700, returnId).statusCode(200);
        for (int i = 0; i < 2; i++) {
            given().header(DefaultToken.ANONYMOUS, "1").header("X-Forwarded-For", "10.77.0." + (i + 1))
                    .contentType("application/json").body(Map.of("rating", i == 0 ? 4 : 2))
                    .post("/track/{token}/feedback", tokens.get(i)).then().statusCode(201);
        }
        cancel(ids.get(2), "CUSTOMER").statusCode(200);
        cancel(ids.get(3), "MERCHANT").statusCode(200);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath figures = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().queryParam("channel", "aftersales").queryParam("from", today.minusDays(1).toString())
                        .queryParam("to", today.plusDays(1).toString())
                        .get("/analytics/post-sale").then().statusCode(200).extract().jsonPath(),
                report -> report.getInt("ordersCancelled") == 2 && report.getLong("feedback.count") == 2);
        assertEquals(4, figures.getInt("ordersPlaced"));
        assertEquals(4, figures.getInt("ordersConfirmed"));
        assertEquals(5, figures.getInt("unitsSold"));
        assertEquals(0.5, figures.getDouble("cancellationRate"), 1e-9, "2 of 4 placed");
        List<Map<String, Object>> reasons = figures.<Map<String, Object>>getList("cancellationsByReason").stream()
                .sorted(java.util.Comparator.comparing(c -> String.valueOf(c.get("label")))).toList();
        assertEquals(List.of("CUSTOMER", "MERCHANT"), reasons.stream().map(c -> c.get("label")).toList());
        for (Map<String, Object> reason : reasons) {
            assertEquals(1, ((Number) reason.get("count")).intValue(), reason.toString());
            assertEquals(0.25, ((Number) reason.get("rate")).doubleValue(), 1e-6, "1 of 4 placed: " + reason);
        }
        assertEquals(List.of(Map.of("reason", "test refund", "count", 1, "amount", Map.of("amount", 700, "currency", "EUR"))),
                figures.getList("refundsByReason"), "the return's refund; the cancellations voided, refunding nothing");
        assertEquals(1, figures.getLong("returnsReceived"));
        assertEquals(1, figures.getLong("ordersReturned"));
        assertEquals(0.25, figures.getDouble("orderReturnRate"), 1e-9, "1 of 4 confirmed");
        assertEquals(1, figures.getLong("unitsReturned"));
        assertEquals(0.2, figures.getDouble("unitReturnRate"), 1e-9, "1 of 5 units sold");
        assertEquals(List.of(Map.of("label", sku, "count", 1)), figures.getList("topReturnedSkus"));
        assertEquals(2, figures.getLong("feedback.count"));
        assertEquals(3.0, figures.getDouble("feedback.average"), 1e-9);
        assertEquals(Map.of("1", 0, "2", 1, "3", 0, "4", 1, "5", 0), figures.getMap("feedback.distribution"));
        assertEquals(0, figures.getInt("abandonedCheckouts"));
        assertEquals(0, figures.getLong("recoveredCheckouts"));

        // the same as a spreadsheet: a row per figure (and label)
        String csv = given().accept("text/csv").queryParam("channel", "aftersales").queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString()).get("/analytics/post-sale").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"post-sale-.*\\.csv\""))
                .extract().asString();
        List<String> rows = List.of(csv.split("\r\n"));
        assertEquals("period,from,to,figure,label,currency,value,amount_minor,amount", rows.get(0));
        String range = "," + today.minusDays(1) + "," + today.plusDays(1) + ",";
        assertTrue(rows.containsAll(java.util.stream.Stream.of("orders_placed,,,4,,", "cancellation_rate,,,0.5,,",
                "cancellations,CUSTOMER,,1,,", "cancellation_rate_by_reason,CUSTOMER,,0.25,,", "cancellations,MERCHANT,,1,,",
                "orders_returned,,,1,,", "order_return_rate,,,0.25,,", "refunds,test refund,EUR,1,700,7.00",
                "units_returned_by_sku," + sku + ",,1,,", "unit_return_rate,,,0.2,,", "feedback_average,,,3.0,,",
                "feedback_rating,4,,1,,", "feedback_rating,5,,0,,", "recovered_checkouts,,,0,,").map(row -> range + row).toList()), csv);

        // per day: the three days' figures add up to the range's, and today's are all of them
        JsonPath daily = given().queryParam("channel", "aftersales").queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString()).queryParam("groupBy", "day")
                .get("/analytics/post-sale").then().statusCode(200).extract().jsonPath();
        assertEquals("day", daily.getString("groupBy"));
        assertEquals(List.of(today.minusDays(1).toString(), today.toString(), today.plusDays(1).toString()),
                daily.getList("series.period"));
        assertEquals(4, daily.<Integer>getList("series.ordersPlaced").stream().mapToInt(Integer::intValue).sum());
        assertEquals(2, daily.<Integer>getList("series.feedback.count").stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, daily.<Integer>getList("series.ordersReturned").stream().mapToInt(Integer::intValue).sum());
        assertEquals(daily.getList("series.period").size(), daily.getList("series.from").size());
        assertNull(daily.get("series[0].series"), "a period has no series of its own");
    }

    /**
     * Shipping and delivery figures, in a channel of their own ("delivery"), every number by hand:
     * A (2 units) ships 1 unit with DHL (a split order), estimated in 2 days and delivered today: on
     * time; then its second unit with UPS, which raises an exception naming no kind and is delivered
     * through the delivery endpoint with no estimate. B ships whole with DHL, estimated for
     * yesterday, raises a "damaged" exception, and is delivered today: late.
     */
    @Test
    void deliveryFiguresCountSplitOrdersOnTimeDeliveriesAndExceptionsByCarrier() {
        String sku = newSku("DELIV");
        createProduct(sku, 1000, "EUR", 20);
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(orderBody(newCustomer(), sku, 2 - i));
            body.put("channel", "delivery");
            ids[i] = placeOk(body).getString("id");
            pay(ids[i], "AUTHORIZATION", 1000L * (2 - i), "deliv-" + ids[i]).statusCode(200);
        }
        String a1 = fulfill(ids[0], "DELIV-A1", sku, 1).statusCode(200).extract().path("fulfillments[0].id");
        String a2 = post("/orders/{id}/fulfillments", ids[0], Map.of("lines", lines(sku, 1), "carrier", "UPS",
                "trackingNumber", "DELIV-A2")).statusCode(200).extract().path("fulfillments.find { it.carrier == 'UPS' }.id");
        String b1 = fulfill(ids[1], "DELIV-B1", sku, 1).statusCode(200).extract().path("fulfillments[0].id");
        java.time.Instant now = java.time.Instant.now();
        scan(ids[0], a1, "in_transit", now.minusSeconds(60).toString(), now.plus(Duration.ofDays(2)).toString(), "a1-transit-" + a1)
                .statusCode(201);
        scan(ids[0], a1, "delivered", now.minusSeconds(10).toString(), null, "a1-delivered-" + a1).statusCode(201);
        scan(ids[0], a2, "exception", now.minusSeconds(50).toString(), null, "a2-exception-" + a2).statusCode(201);
        deliver(ids[0], a2).statusCode(200);
        scan(ids[1], b1, "in_transit", now.minusSeconds(120).toString(), now.minus(Duration.ofDays(1)).toString(), "b1-transit-" + b1)
                .statusCode(201);
        given().contentType("application/json").body(Map.of("status", "exception", "subStatus", "damaged",
                        "happenedAt", now.minusSeconds(90).toString(), "source", "carrier-x", "externalEventId", "b1-exception-" + b1))
                .post("/orders/{id}/fulfillments/{fid}/tracking-events", ids[1], b1).then().statusCode(201);
        scan(ids[1], b1, "delivered", now.minusSeconds(5).toString(), null, "b1-delivered-" + b1).statusCode(201);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath figures = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().queryParam("channel", "delivery").queryParam("groupBy", "month")
                        .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                        .get("/analytics/delivery").then().statusCode(200).extract().jsonPath(),
                report -> figure(report, null, "shipmentsDelivered") == 3);
        assertEquals(2, figure(figures, null, "ordersShipped"));
        assertEquals(1, figure(figures, null, "ordersShippedPartially"));
        assertEquals(2, figure(figures, null, "deliveredWithEstimate"));
        assertEquals(1, figure(figures, null, "deliveredOnTime"), "A's on time, B's a day late");
        assertEquals(2, figure(figures, null, "exceptionCount"));
        assertEquals(2, figure(figures, "DHL", "ordersShipped"), "both first shipments went with DHL");
        assertEquals(1, figure(figures, "DHL", "ordersShippedPartially"));
        assertEquals(2, figure(figures, "DHL", "shipmentsDelivered"));
        assertEquals(1, figure(figures, "DHL", "deliveredOnTime"));
        assertEquals(1, figure(figures, "DHL", "exceptionCount"));
        assertEquals(0, figure(figures, "UPS", "ordersShipped"), "A's second shipment is not a first one");
        assertEquals(1, figure(figures, "UPS", "shipmentsDelivered"));
        assertEquals(0, figure(figures, "UPS", "deliveredWithEstimate"));
        assertEquals(1, figure(figures, "UPS", "exceptionCount"));
        if (figures.getList("series").size() == 3) { // one month: its rates and kinds as they stand
            Map<String, Object> every = figures.getMap("series.find { it.carrier == null }");
            assertEquals(0.5, ((Number) every.get("partialShipmentShare")).doubleValue(), 1e-9);
            assertEquals(0.5, ((Number) every.get("onTimeRate")).doubleValue(), 1e-9);
            assertEquals(List.of(Map.of("kind", "damaged", "count", 1), Map.of("kind", "unspecified", "count", 1)),
                    every.get("exceptions"));
            assertEquals(List.of(Map.of("kind", "damaged", "count", 1)),
                    figures.getList("series.find { it.carrier == 'DHL' }.exceptions"));
            assertNull(figures.getMap("series.find { it.carrier == 'UPS' }").get("onTimeRate"), "no estimate, no rate");

            String csv = given().accept("text/csv").queryParam("channel", "delivery").queryParam("groupBy", "month")
                    .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                    .get("/analytics/delivery").then().statusCode(200).contentType(startsWith("text/csv"))
                    .header("Content-Disposition", matchesPattern("attachment; filename=\"delivery-.*-month\\.csv\""))
                    .extract().asString();
            String month = figures.getString("series[0].period") + "," + figures.getString("series[0].start");
            assertEquals(List.of("period,start,carrier,orders_shipped,orders_shipped_partially,partial_shipment_share,"
                            + "shipments_delivered,delivered_with_estimate,delivered_on_time,on_time_rate,exceptions,exceptions_by_kind",
                    month + ",,2,1,0.5,3,2,1,0.5,2,damaged=1;unspecified=1",
                    month + ",DHL,2,1,0.5,2,2,1,0.5,1,damaged=1",
                    month + ",UPS,0,0,,1,0,0,,1,unspecified=1"), List.of(csv.split("\r\n")));
        }

        // a rebuild from the log gives the same figures
        given().post("/analytics/rebuild").then().statusCode(202);
        JsonPath rebuilt = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().queryParam("channel", "delivery").queryParam("groupBy", "month")
                        .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                        .get("/analytics/delivery").then().statusCode(200).extract().jsonPath(),
                report -> figure(report, null, "shipmentsDelivered") == 3 && figure(report, null, "exceptionCount") == 2);
        assertEquals(figures.getList("series"), rebuilt.getList("series"), "the same numbers after a rebuild");
    }

    /**
     * Stock figures, in a channel of their own ("stock"), by hand: X has 3 units, Y 10. A takes 2 X
     * and 1 Y, B the last X (sold out), C 4 Y; all three are paid. X is restocked by 1 and D, unpaid,
     * takes it: X sold out a second time. Units sold: Y 5, X 3.
     */
    @Test
    void stockFiguresCountTopSellersAndSoldOutSkus() {
        String x = newSku("STOCKX"), y = newSku("STOCKY");
        createProduct(x, 1000, "EUR", 3);
        createProduct(y, 500, "EUR", 10);
        String[] paid = {
                placeOk(inChannel("stock", orderBody(newCustomer(), x, 2, y, 1))).getString("id"),
                placeOk(inChannel("stock", orderBody(newCustomer(), x, 1))).getString("id"),
                placeOk(inChannel("stock", orderBody(newCustomer(), y, 4))).getString("id")};
        long[] totals = {2500, 1000, 2000};
        for (int i = 0; i < paid.length; i++) {
            pay(paid[i], "AUTHORIZATION", totals[i], "stock-" + paid[i]).statusCode(200);
        }
        given().get("/orders/{id}/history", paid[1]).then().statusCode(200)
                .body("[0].type", equalTo("order.placed"), "[0].data.soldOut", equalTo(List.of(x)));
        given().get("/orders/{id}/history", paid[0]).then().statusCode(200)
                .body("[0].data", not(hasKey("soldOut")));
        adjust(x, 1, "RESTOCK").statusCode(200);
        placeOk(inChannel("stock", orderBody(newCustomer(), x, 1)));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath figures = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> given().queryParam("channel", "stock").queryParam("from", today.minusDays(1).toString())
                        .queryParam("to", today.plusDays(1).toString())
                        .get("/analytics/stock").then().statusCode(200).extract().jsonPath(),
                report -> report.getLong("unitsSold") == 8 && report.getList("soldOut").size() == 1
                        && report.getLong("soldOut[0].times") == 2);
        assertEquals(List.of(Map.of("sku", y, "units", 5), Map.of("sku", x, "units", 3)), figures.getList("topSellers"));
        assertEquals(x, figures.getString("soldOut[0].sku"));
        assertEquals(today.toString(), figures.getString("soldOut[0].lastDay"));
        assertEquals(0, figures.getLong("expiredHolds"));
        assertEquals(List.of(Map.of("sku", y, "units", 5)), given().queryParam("channel", "stock").queryParam("limit", 1)
                .queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                .get("/analytics/stock").then().statusCode(200).extract().jsonPath().getList("topSellers"), "the top 1");

        String csv = given().accept("text/csv").queryParam("channel", "stock").queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString()).get("/analytics/stock").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"stock-.*\\.csv\""))
                .extract().asString();
        String range = "," + today.minusDays(1) + "," + today.plusDays(1) + ",";
        assertEquals(java.util.stream.Stream.concat(java.util.stream.Stream.of("period,from,to,figure,sku,value,last_day"),
                        java.util.stream.Stream.of("units_sold,,8,", "units_sold_by_sku," + y + ",5,", "units_sold_by_sku," + x + ",3,",
                                "sold_out," + x + ",2," + today, "expired_holds,,0,", "units_released,,0,").map(row -> range + row)).toList(),
                List.of(csv.split("\r\n")));

        // per week: this week's figures are the range's (a test near a week's edge spans two)
        JsonPath weekly = given().queryParam("channel", "stock").queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString()).queryParam("groupBy", "week")
                .get("/analytics/stock").then().statusCode(200).extract().jsonPath();
        assertEquals("week", weekly.getString("groupBy"));
        assertEquals(8, weekly.<Integer>getList("series.unitsSold").stream().mapToInt(Integer::intValue).sum());
        String week = String.format("%d-W%02d", today.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                today.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertEquals(List.of(Map.of("sku", x, "times", 2, "lastDay", today.toString())),
                weekly.getList("series.find { it.period == '" + week + "' }.soldOut"));
        given().queryParam("limit", "0").get("/analytics/stock").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("limit"));
    }

    private static Map<String, Object> inChannel(String channel, Map<String, Object> body) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
        copy.put("channel", channel);
        return copy;
    }

    /** A delivery figure summed over the periods, over every carrier (null) or of one. */
    private static long figure(JsonPath report, String carrier, String name) {
        return report.<Map<String, Object>>getList("series").stream()
                .filter(p -> java.util.Objects.equals(carrier, p.get("carrier")))
                .mapToLong(p -> ((Number) p.get(name)).longValue()).sum();
    }

    /** The count of a metric summed over the periods, over every carrier (null) or of one. */
    private static int count(JsonPath report, String metric, String carrier) {
        return report.<Map<String, Object>>getList("series").stream()
                .filter(p -> metric.equals(p.get("metric")) && java.util.Objects.equals(carrier, p.get("carrier")))
                .mapToInt(p -> ((Number) p.get("count")).intValue()).sum();
    }

    /** The same figures as CSV (Accept: text/csv): a header, then a row per period and currency. */
    private static void assertSpreadsheet(JsonPath sales) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String csv = given().accept("text/csv").queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString()).queryParam("channel", "analytics").queryParam("groupBy", "month")
                .get("/analytics/sales").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"sales-.*-month\\.csv\""))
                .extract().asString();
        List<String> rows = List.of(csv.split("\r\n"));
        assertEquals("period,start,currency,orders_placed,orders_confirmed,orders_cancelled,orders_expired,units_sold,"
                + "gross_revenue_minor,gross_revenue,refunds_minor,refunds,net_revenue_minor,net_revenue,"
                + "average_order_value_minor,average_order_value", rows.get(0));
        assertEquals(1 + sales.getList("series").size(), rows.size(), csv);
        if (rows.size() == 2) {
            assertEquals(sales.getString("series[0].period") + "," + sales.getString("series[0].start")
                    + ",EUR,4,2,1,0,3,3000,30.00,500,5.00,2500,25.00,1500,15.00", rows.get(1));
        }
    }

    /** The dashboard (its browser test is DashboardBrowserTest): here, that the packaged app serves it and its charting library. */
    @Test
    void theDashboardPageHoldsNoFiguresAndItsChartsComeFromTheServiceItself() {
        given().header(DefaultToken.ANONYMOUS, "1").accept("text/html").get("/dashboard").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Cache-Control", "no-store")
                .body(containsString("/_static/echarts/dist/echarts.min.js"), not(containsString("ordersPlaced")));
        given().header(DefaultToken.ANONYMOUS, "1").get("/_static/echarts/dist/echarts.min.js").then().statusCode(200)
                .body(containsString("echarts"));
        given().header(DefaultToken.ANONYMOUS, "1").get("/assets/dashboard/dashboard.js").then().statusCode(200);
        given().header(DefaultToken.ANONYMOUS, "1").get("/analytics/sales").then().statusCode(401);
    }

    @Test
    void badQueriesAre400NamingTheParameter() {
        given().queryParam("from", "yesterday").get("/analytics/sales").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        given().queryParam("groupBy", "hour").get("/analytics/sales").then().statusCode(400)
                .body("errors.field", hasItem("groupBy"));
        given().queryParam("from", "2026-12-02").queryParam("to", "2026-12-01").get("/analytics/sales").then()
                .statusCode(400).body("errors.field", hasItem("from"));
        given().queryParam("groupBy", "week").get("/analytics/sales").then().statusCode(200)
                .body("groupBy", is("week"));
    }
}
