package dev.orderstream.order.verification;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A store that ships to some countries only: another is a 422 naming the field, nothing held. */
@QuarkusTest
@TestProfile(ShippingCountriesTest.ShipsToDach.class)
class ShippingCountriesTest {

    public static class ShipsToDach implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orderstream.shipping.countries", "DE, at,CH");
        }
    }

    private static Map<String, Object> bodyTo(String customer, String sku, String country, String postalCode) {
        Map<String, Object> body = orderBody(customer, sku, 1);
        Map<String, Object> address = new LinkedHashMap<>(address());
        address.put("country", country);
        address.put("postalCode", postalCode);
        body.put("shippingAddress", address);
        return body;
    }

    @Test
    void aCountryOutsideTheShippingCountriesIs422AndHoldsNothing() {
        String sku = newSku("SHIP");
        createProduct(sku, 1000, "EUR", 10);
        String customer = newCustomer();
        place(bodyTo(customer, sku, "GB", "N1 9GU")).statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/country-not-shipped"))
                .body("errors.field", contains("shippingAddress.country"))
                .body("detail", allOf(containsString("GB"), containsString("AT, CH, DE")))
                .body("shipsTo", contains("AT", "CH", "DE"));
        assertEquals(List.of(10, 0, 10), stockOf(sku));
        given().queryParam("customerId", customer).get("/orders").then().body("items", empty());

        assertEquals("AT", placeOk(bodyTo(customer, sku, "at", "1010")).getString("shippingAddress.country"));
        assertEquals("CH", placeOk(bodyTo(newCustomer(), sku, "CH", "8001")).getString("shippingAddress.country"));
    }

    @Test
    void aMalformedCountryIsStillA400NotA422() {
        String sku = newSku("SHIP");
        createProduct(sku, 1000, "EUR", 10);
        place(bodyTo(newCustomer(), sku, "XX", "1010")).statusCode(400)
                .body("errors.field", hasItem("shippingAddress.country"));
        assertEquals(List.of(10, 0, 10), stockOf(sku));
    }
}
