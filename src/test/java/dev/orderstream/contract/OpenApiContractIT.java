package dev.orderstream.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contract is the committed document: the packaged application (a production build, without the
 * dev-only endpoints) must serve what {@code src/contract/openapi.yaml} says, so a change of the API
 * is a visible change of that file in review (README "API contract"). Compared as documents, not as
 * text: the order of keys in a map does not matter.
 */
@QuarkusIntegrationTest
class OpenApiContractIT {

    static final Path COMMITTED = Path.of("src", "contract", "openapi.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        JsonNode served = YAML.readTree(given().accept("application/yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode committed = YAML.readTree(COMMITTED.toFile());
        firstDifference("", committed, served).ifPresent(difference -> fail(
                "The API changed: the served OpenAPI document differs from " + COMMITTED + " at " + difference
                        + "\nIf the change is meant, commit the new contract (every build writes it):"
                        + " cp target/openapi/openapi.yaml " + COMMITTED + ", and review the diff."));
    }

    private static Optional<String> firstDifference(String path, JsonNode committed, JsonNode served) {
        if (committed.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = path + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name)) {
                    return Optional.of(at + ": only in the served document");
                }
                if (!served.has(name)) {
                    return Optional.of(at + ": only in the committed document");
                }
                Optional<String> inside = firstDifference(at, committed.get(name), served.get(name));
                if (inside.isPresent()) {
                    return inside;
                }
            }
            return Optional.empty();
        }
        if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            Iterator<JsonNode> a = committed.elements(), b = served.elements();
            for (int i = 0; a.hasNext(); i++) {
                Optional<String> inside = firstDifference(path + "/" + i, a.next(), b.next());
                if (inside.isPresent()) {
                    return inside;
                }
            }
            return Optional.empty();
        }
        return committed.equals(served) ? Optional.empty()
                : Optional.of(path + ": committed " + committed + ", served " + served);
    }
}
