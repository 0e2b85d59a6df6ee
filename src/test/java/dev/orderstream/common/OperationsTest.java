package dev.orderstream.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, metrics and the OpenAPI document, which must name every status code each endpoint can return. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("Database (the reactive pool that serves requests)"));
    }

    @Test
    void metricsAndSwaggerUiAreServed() {
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void openApiDocumentsEveryEndpointAndItsErrorStatuses() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, List<String>> expected = Map.of(
                "paths.'/orders'.post", List.of("201", "400", "401", "403", "409", "422", "429"),
                "paths.'/orders'.get", List.of("200", "400", "401", "403"),
                "paths.'/orders/{id}'.get", List.of("200", "401", "403", "404"),
                "paths.'/orders/{id}/payments'.post", List.of("200", "400", "404", "409", "412", "422"),
                "paths.'/orders/{id}/fulfillments'.post", List.of("200", "400", "404", "409", "412", "422"),
                "paths.'/orders/{id}/fulfillments/{fulfillmentId}/delivery'.post", List.of("200", "404", "409", "412"),
                "paths.'/orders/{id}/cancellation'.post", List.of("200", "400", "404", "409", "412", "422"),
                "paths.'/orders/{id}/returns'.post", List.of("200", "400", "404", "409", "412", "422"),
                "paths.'/orders/{id}/returns/{returnId}/receipt'.post", List.of("200", "400", "404", "409", "412"),
                "paths.'/orders/{id}/refunds'.post", List.of("200", "400", "404", "409", "412", "422"));
        expected.forEach((operation, statuses) -> {
            Map<String, Object> responses = api.getMap(operation + ".responses");
            assertTrue(responses != null && responses.keySet().containsAll(statuses),
                    operation + " documents " + (responses == null ? "nothing" : responses.keySet()) + ", expected " + statuses);
        });
        assertTrue(api.getMap("paths.'/orders/{id}/history'.get.responses").containsKey("404"));
        assertTrue(api.getMap("paths.'/orders/{id}/fulfillments/{fulfillmentId}/tracking-events'.post.responses").keySet()
                .containsAll(List.of("200", "201", "400", "404", "409", "412", "422")));
        assertTrue(api.getMap("paths.'/orders/{id}/fulfillments/{fulfillmentId}/tracking-events'.get.responses").keySet()
                .containsAll(List.of("200", "404")));
        assertTrue(api.getMap("paths.'/products/{sku}/stock-adjustments'.post.responses").keySet()
                .containsAll(List.of("200", "400", "404", "409", "422")));
        assertTrue(api.getMap("paths.'/products/{sku}'.put.responses").keySet().containsAll(List.of("200", "201", "400")));
        assertTrue(api.getMap("paths.'/track/{token}'.get.responses").keySet().containsAll(List.of("200", "404", "429")));
        assertTrue(api.getMap("components.securitySchemes").containsKey("bearer"), "the bearer scheme is documented");
    }
}
