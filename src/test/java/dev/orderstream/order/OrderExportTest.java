package dev.orderstream.order;

import dev.orderstream.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** GET /orders/export: CSV and JSON Lines, filtered like the list, safe to open in a spreadsheet. */
@QuarkusTest
class OrderExportTest {

    private static final String HEADER = "order_id,order_number,created_at,status,payment_status,channel,customer_id,"
            + "email,ship_name,ship_line1,ship_line2,ship_city,ship_postal_code,ship_country,ship_phone,currency,"
            + "order_total_minor,order_total,line_sku,line_name,line_quantity,line_unit_price_minor,line_unit_price,"
            + "line_total_minor,line_total,line_shipped_quantity,line_returned_quantity,external_order_id,tags";

    private static Response export(Map<String, ?> query) {
        return given().queryParams(query).get("/orders/export").then().statusCode(200).extract().response();
    }

    @Test
    void csvHasARowPerOrderLineWithMoneyInMinorUnitsAndAsDecimal() {
        String customer = newCustomer();
        String lamp = newSku("EXP-LAMP");
        String desk = newSku("EXP-DESK");
        createProduct(lamp, 4900, "EUR", 10);
        createProduct(desk, 12_000, "EUR", 10);
        String first = placeOk(orderBody(customer, lamp, 2, desk, 1)).getString("id");
        String second = placeOk(orderBody(customer, lamp, 1)).getString("id");

        Response response = export(Map.of("customerId", customer));
        assertTrue(response.contentType().startsWith("text/csv"), response.contentType());
        assertThat(response.header("Content-Disposition"), matchesPattern("attachment; filename=\"orders-\\d{8}-\\d{6}\\.csv\""));
        List<String> lines = Arrays.asList(response.asString().split("\r\n"));
        assertEquals(HEADER, lines.get(0));
        assertEquals(4, lines.size(), "a header and a row per order line");
        // newest first; lines in SKU order
        assertTrue(lines.get(1).startsWith(second + ","), lines.get(1));
        String[] desks = lines.stream().filter(line -> line.startsWith(first) && line.contains(desk)).findFirst()
                .orElseThrow().split(",");
        assertEquals("PENDING_PAYMENT", desks[3]);
        assertEquals("web", desks[5]);
        assertEquals("N1 9GU", desks[12]);
        assertEquals("EUR", desks[15]);
        assertEquals("21800", desks[16]);
        assertEquals("218.00", desks[17]);
        assertEquals("1", desks[20]);
        assertEquals("12000", desks[21]);
        assertEquals("120.00", desks[22]);
        assertEquals("12000", desks[23]);
        assertEquals("120.00", desks[24]);
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralizedAndOthersQuotedPerRfc4180() {
        String customer = newCustomer();
        String sku = newSku("EXP-F");
        createProduct(sku, 1000, "EUR", 10);
        Map<String, Object> body = orderBody(customer, sku, 1);
        Map<String, Object> address = new LinkedHashMap<>(address());
        address.put("name", "=HYPERLINK(\"http://evil.example\",\"click\")");
        address.put("line1", "@SUM(1+1)");
        address.put("line2", "Flat 2, \"The Old Mill\"\nBack door");
        address.put("city", "-London");
        body.put("shippingAddress", address);
        placeOk(body);

        String csv = export(Map.of("customerId", customer)).asString();
        assertThat(csv, containsString(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","));
        assertThat(csv, containsString(",'@SUM(1+1),"));
        assertThat(csv, containsString(",\"Flat 2, \"\"The Old Mill\"\"\nBack door\","));
        assertThat(csv, containsString(",'-London,"));
        assertFalse(csv.contains(",=HYPERLINK"), "no cell starts with =");
    }

    @Test
    void jsonLinesHasAnOrderPerLine() {
        String customer = newCustomer();
        String sku = newSku("EXP-J");
        createProduct(sku, 250, "EUR", 10);
        Map<String, Object> body = orderBody(customer, sku, 3);
        String id = placeOk(body).getString("id");
        String other = placeOk(orderBody(customer, sku, 1)).getString("id");
        pay(other, "AUTHORIZATION", 250, "auth-" + other).statusCode(200);

        Response response = export(Map.of("customerId", customer, "format", "jsonl"));
        assertTrue(response.contentType().startsWith("application/jsonl"), response.contentType());
        assertThat(response.header("Content-Disposition"), endsWith(".jsonl\""));
        String[] lines = response.asString().split("\n");
        assertEquals(2, lines.length);
        JsonPath newest = new JsonPath(lines[0]);
        JsonPath oldest = new JsonPath(lines[1]);
        assertEquals(other, newest.getString("id"));
        assertEquals("CONFIRMED", newest.getString("status"));
        assertEquals(id, oldest.getString("id"));
        assertEquals(750, oldest.getInt("total.amount"));
        assertEquals("EUR", oldest.getString("total.currency"));
        assertEquals(3, oldest.getInt("lines[0].quantity"));
        assertEquals("GB", oldest.getString("shippingAddress.country"));

        // the list's filters apply
        String confirmed = export(Map.of("customerId", customer, "format", "jsonl", "status", "CONFIRMED")).asString();
        assertEquals(1, confirmed.split("\n").length);
        assertThat(confirmed, containsString(other));
    }

    @Test
    void aByteOrderMarkOnRequest() {
        byte[] bytes = export(Map.of("customerId", newCustomer(), "bom", "true")).asByteArray();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        assertEquals(HEADER + "\r\n", new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    }

    @Test
    void badFormatsAndFiltersAre400AndCustomersMayNotExport() {
        given().queryParam("format", "xlsx").get("/orders/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("format"));
        given().queryParam("status", "NOPE").get("/orders/export").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("createdFrom", "yesterday").get("/orders/export").then().statusCode(400);
        given().header("Authorization", Tokens.bearer(Tokens.customer("c-1"))).get("/orders/export").then().statusCode(403);
    }
}
