package dev.orderstream.order.verification;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Order verification of the customer's details through {@code POST /orders}: each rule valid and
 * invalid, the stored (normalized) form of what passes, and for what fails the status, the field in
 * the problem, and that nothing was held or written.
 */
@QuarkusTest
class CustomerDetailsTest {

    private static final String PROBLEM = "application/problem+json";

    String sku;
    String customer;

    @BeforeEach
    void stock() {
        sku = newSku("CD");
        customer = newCustomer();
        createProduct(sku, 1000, "EUR", 10);
    }

    private Map<String, Object> bodyWith(Map<String, Object> addressChanges) {
        Map<String, Object> body = orderBody(customer, sku, 1);
        Map<String, Object> address = new LinkedHashMap<>(address());
        address.putAll(addressChanges);
        address.values().removeIf(value -> value == null);
        body.put("shippingAddress", address);
        return body;
    }

    private static Map<String, Object> at(String country, String city, String postalCode) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("country", country);
        changes.put("city", city);
        changes.put("postalCode", postalCode);
        return changes;
    }

    /** Refused with {@code status}, naming {@code field}; nothing held, no order written. */
    private void assertRefused(Map<String, Object> body, int status, String field, String messagePart) {
        place(body).statusCode(status)
                .contentType(PROBLEM)
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(messagePart));
        assertNothingHeldOrWritten();
    }

    private void assertNothingHeldOrWritten() {
        assertEquals(List.of(10, 0, 10), stockOf(sku), "nothing held");
        given().queryParam("customerId", customer).get("/orders").then().statusCode(200).body("items", empty());
    }

    private JsonPath placedAddress(Map<String, Object> body) {
        String id = placeOk(body).getString("id");
        return order(id).setRootPath("shippingAddress");
    }

    // ---------------------------------------------------------------- postal codes

    @ParameterizedTest(name = "{0} {1} is stored as {2}")
    @CsvSource({
            "DE, 10115,     10115",
            "DE, 101 15,    10115",
            "GB, N1 9GU,    N1 9GU",
            "GB, ec1y8sy,   EC1Y 8SY",
            "GB, BFPO 61,   BFPO 61",
            "US, 95014,     95014",
            "US, 221621010, 22162-1010",
            "US, 22162-1010, 22162-1010",
            "NL, 1234ab,    1234 AB",
            "NL, 2490 AA,   2490 AA",
            "JP, 1540023,   154-0023",
            "JP, 154-0023,  154-0023",
            "CA, h3z2y7,    H3Z 2Y7",
            "IE, a65f4e2,   A65 F4E2",
            "HR, HR-10000,  10000",
            "LV, lv1010,    LV-1010",
    })
    void aPostalCodeInTheCountrysFormatIsStoredAsThePostWritesIt(String country, String given, String stored) {
        JsonPath address = placedAddress(bodyWith(at(country, "Somewhere", given)));
        assertEquals(stored, address.getString("postalCode"));
        assertEquals(country, address.getString("country"));
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource({
            "DE, 1011,      Germany, 26133",
            "DE, 101155,    Germany, 26133",
            "GB, ABC 123,   United Kingdom, EC1Y 8SY",
            "GB, QQ1 1AA,   United Kingdom, EC1Y 8SY",
            "US, 9501,      United States, 95014",
            "US, 95014-12,  United States, 95014",
            "NL, 0123 AB,   Netherlands, 1234 AB",
            "NL, 1234 SA,   Netherlands, 1234 AB",
            "JP, 154-002,   Japan, 154-0023",
            "CA, 123 456,   Canada, H3Z 2Y7",
    })
    void aPostalCodeNotInTheCountrysFormatIs400(String country, String postalCode, String name, String example) {
        place(bodyWith(at(country, "Somewhere", postalCode))).statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("shippingAddress.postalCode"))
                .body("errors[0].message", allOf(containsString(name), containsString("such as " + example)));
        assertNothingHeldOrWritten();
    }

    @Test
    void aCountryWithoutPostalCodesTakesNone() {
        assertRefused(bodyWith(at("AE", "Dubai", "12345")), 400, "shippingAddress.postalCode",
                "United Arab Emirates has no postal codes");
        assertEquals(null, placedAddress(bodyWith(at("AE", "Dubai", null))).getString("postalCode"));
    }

    @Test
    void aPostalCodeIsRequiredWhereThePostRequiresOneAndOptionalWhereNot() {
        assertRefused(bodyWith(at("DE", "Berlin", null)), 400, "shippingAddress.postalCode",
                "is required for an address in Germany");
        assertEquals(null, placedAddress(bodyWith(at("IE", "Dublin", null))).getString("postalCode"));
    }

    @Test
    void theLookupByPostalCodeFindsTheOrderWhicheverWayTheCodeIsTyped() {
        JsonPath placed = placeOk(bodyWith(at("JP", "Tokyo", "1540023")));
        String client = "10.19." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        for (String typed : List.of("154-0023", "1540023", "154 0023")) {
            given().header(DefaultToken.ANONYMOUS, "yes").header("X-Forwarded-For", client).contentType("application/json")
                    .body(Map.of("orderNumber", placed.getLong("number"), "postalCode", typed))
                    .post("/track/lookup").then().statusCode(200);
        }
    }

    // ---------------------------------------------------------------- countries

    @Test
    void aCountryIsAnIsoCodeThatExistsInAnyCase() {
        for (String country : List.of("XX", "ZZ", "UK", "D", "DEU")) {
            place(bodyWith(at(country, "Somewhere", "12345"))).statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("shippingAddress.country"));
            assertNothingHeldOrWritten();
        }
        JsonPath address = placedAddress(bodyWith(at("de", "Berlin", "10115")));
        assertEquals("DE", address.getString("country"));
    }

    // ---------------------------------------------------------------- phones

    @ParameterizedTest(name = "{0} {1} is stored as {2}")
    @CsvSource({
            "DE, 030 1234567,       +49301234567",
            "DE, +49 30 1234567,    +49301234567",
            "DE, 0049 30 1234567,   +49301234567",
            "GB, 020 7946 0958,     +442079460958",
            "GB, +44 20 7946 0958,  +442079460958",
            "US, (650) 253-0000,    +16502530000",
            "NL, 06 12345678,       +31612345678",
            "JP, 03-1234-5678,      +81312345678",
            "DE, +1 650 253 0000,   +16502530000",
    })
    void aPhoneNumberInNationalOrInternationalFormIsStoredInE164(String country, String phone, String stored) {
        Map<String, Object> changes = at(country, "Somewhere", examplePostalCode(country));
        changes.put("phone", phone);
        assertEquals(stored, placedAddress(bodyWith(changes)).getString("phone"));
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource({
            "DE, 12345",
            "DE, not a phone",
            "GB, 020 7946",
            "US, 555-0100",
            "DE, +999 1234567",
    })
    void aPhoneNumberThatIsNotOneIs400(String country, String phone) {
        Map<String, Object> changes = at(country, "Somewhere", examplePostalCode(country));
        changes.put("phone", phone);
        assertRefused(bodyWith(changes), 400, "shippingAddress.phone", "must be a phone number");
    }

    private static String examplePostalCode(String country) {
        return switch (country) {
            case "DE" -> "10115";
            case "GB" -> "N1 9GU";
            case "US" -> "94043";
            case "NL" -> "1234 AB";
            case "JP" -> "154-0023";
            default -> throw new IllegalArgumentException(country);
        };
    }

    // ---------------------------------------------------------------- emails

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {
            "a@b                         | a domain with a dot",
            "x@localhost                 | a domain with a dot",
            "jane@example                | a domain with a dot",
            "jane@-example.com           | a valid domain",
            "jane@example..com           | a valid domain",
            "jane@example.123            | a valid domain",
            "jane@[192.168.0.1]          | a valid domain",
            "jane..doe@example.com       | an email address",
            ".jane@example.com           | an email address",
            "jane doe@example.com        | an email address",
            "@example.com                | an email address",
            "jane@                       | an email address",
            "jane                        | an email address",
    })
    void anEmailMailCannotReachIs400(String email, String messagePart) {
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("email", email);
        assertRefused(body, 400, "email", messagePart);
    }

    @Test
    void anEmailOverTheRfc5321LimitsIs400() {
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("email", "j".repeat(65) + "@example.com");
        assertRefused(body, 400, "email", "64 characters");
    }

    @Test
    void anEmailKeepsItsLocalPartAsGivenAndItsDomainInLowerCase() {
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("email", "Jane.Doe+orders@Example.COM");
        assertEquals("Jane.Doe+orders@example.com", order(placeOk(body).getString("id")).getString("email"));

        Map<String, Object> international = orderBody(newCustomer(), sku, 1);
        international.put("email", "jörg@Müller.de");
        assertEquals("jörg@müller.de", order(placeOk(international).getString("id")).getString("email"));
    }

    // ---------------------------------------------------------------- channels

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"<script>", "Web", "-web", "web shop"})
    void aChannelThatIsNotASlugIs400(String channel) {
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("channel", channel);
        assertRefused(body, 400, "channel", "slug");
    }

    @Test
    void aChannelTheStoreDoesNotSellOnIs422ListingItsChannels() {
        Map<String, Object> body = orderBody(customer, sku, 1);
        body.put("channel", "shopify");
        place(body).statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/unknown-channel"))
                .body("errors.field", contains("channel"))
                .body("detail", allOf(containsString("shopify"), containsString("web, app, pos, marketplace")))
                .body("allowedChannels", hasItems("web", "app", "pos", "marketplace"));
        assertNothingHeldOrWritten();

        for (String channel : List.of("web", "app", "pos", "marketplace")) {
            Map<String, Object> ok = orderBody(newCustomer(), sku, 1);
            ok.put("channel", channel);
            assertEquals(channel, placeOk(ok).getString("channel"));
        }
    }

    // ---------------------------------------------------------------- all at once

    @Test
    void everyWrongFieldIsNamedInOneAnswer() {
        Map<String, Object> changes = at("DE", "Berlin", "ABC");
        changes.put("phone", "12");
        Map<String, Object> body = bodyWith(changes);
        body.put("email", "x@localhost");
        body.put("channel", "<b>");
        ValidatableResponse answer = place(body).statusCode(400).contentType(PROBLEM);
        answer.body("errors.field", containsInAnyOrder("channel", "email", "shippingAddress.phone",
                "shippingAddress.postalCode"));
        assertNothingHeldOrWritten();
    }
}
