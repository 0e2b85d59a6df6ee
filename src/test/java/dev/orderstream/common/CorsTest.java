package dev.orderstream.common;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static dev.orderstream.support.Api.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Cross-origin access as a browser asks for it: public tracking from any origin, the authenticated
 * API from the configured storefront origins only (localhost in this profile). The browser side of
 * the same is BrowserClientTest.
 */
@QuarkusTest
class CorsTest {

    private static final String STOREFRONT = "http://localhost:5173";
    private static final String ELSEWHERE = "https://shop.elsewhere.example";

    private static String trackingToken() {
        String sku = newSku("CORS");
        createProduct(sku, 900, "EUR", 3);
        return placeOk(orderBody(newCustomer(), sku, 1)).getString("trackingToken");
    }

    @Test
    void anyOriginReadsATrackingViewWithoutCredentials() {
        String token = trackingToken();
        given().header(DefaultToken.ANONYMOUS, "").header("Origin", ELSEWHERE)
                .get("/track/{token}", token)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", anyOf(equalTo("*"), equalTo(ELSEWHERE)))
                .header("Access-Control-Allow-Credentials", "false");
    }

    @Test
    void anyOriginMayResumeATrackingStreamAfterAsking() {
        // an EventSource resuming across origins sends Last-Event-ID, which needs a preflight
        given().header(DefaultToken.ANONYMOUS, "").header("Origin", ELSEWHERE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "last-event-id")
                .options("/track/{token}/events", "any-token")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", anyOf(equalTo("*"), equalTo(ELSEWHERE)))
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Last-Event-ID"));
    }

    @Test
    void aStorefrontMayLookUpAnOrderAndSendFeedbackButNeverWithCredentials() {
        // the tracking page's writes (POST /track/lookup, /track/{token}/feedback) carry no credentials:
        // the token or the order number and email are the proof, from whichever origin
        given().header(DefaultToken.ANONYMOUS, "").header("Origin", ELSEWHERE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/track/lookup")
                .then().statusCode(200)
                .header("Access-Control-Allow-Methods", allOf(containsString("POST"), not(containsString("PUT")),
                        not(containsString("DELETE"))))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    @Test
    void aConfiguredStorefrontOriginIsAnsweredItsPreflightWithTheApisHeaders() {
        given().header(DefaultToken.ANONYMOUS, "").header("Origin", STOREFRONT)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,if-match")
                .options("/orders")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", STOREFRONT)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", allOf(containsString("Authorization"),
                        containsString("Idempotency-Key"), containsString("If-Match"), containsString("Last-Event-ID")))
                .header("Access-Control-Max-Age", "600");
    }

    @Test
    void aStorefrontReadsLocationAndETagOfWhatItPlaced() {
        String sku = newSku("CORS");
        createProduct(sku, 900, "EUR", 3);
        given().header("Origin", STOREFRONT).contentType(ContentType.JSON)
                .body(orderBody(newCustomer(), sku, 1))
                .post("/orders")
                .then().statusCode(201)
                .header("Access-Control-Allow-Origin", STOREFRONT)
                .header("Access-Control-Expose-Headers", allOf(containsString("Location"), containsString("ETag")));
    }

    @Test
    void anOriginNotConfiguredGetsNothingFromTheAuthenticatedApi() {
        String sku = newSku("CORS");
        createProduct(sku, 900, "EUR", 3);
        given().header("Origin", ELSEWHERE).contentType(ContentType.JSON)
                .body(orderBody(newCustomer(), sku, 1))
                .post("/orders")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header(DefaultToken.ANONYMOUS, "").header("Origin", ELSEWHERE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/orders")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().get("/products/{sku}", sku).then().statusCode(200).body("reserved", equalTo(0));
    }

    @Test
    void sameOriginAndNonBrowserRequestsAreUntouched() {
        given().get("/products").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }
}
