package dev.fairwise.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed contract, openapi/openapi.yaml, is exactly what the running service describes. */
@QuarkusTest
class OpenApiContractTest {
    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    private static final Path ACTUAL = Path.of("target", "openapi", "openapi.yaml");

    @Test
    void committedContractMatchesTheService() throws IOException {
        String served = given().queryParam("format", "yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Files.createDirectories(ACTUAL.getParent());
        Files.writeString(ACTUAL, served, StandardCharsets.UTF_8);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertThat(served)
                .as("openapi/openapi.yaml differs from the service's document. If the change is intended, run:%n"
                        + "  cp target/openapi/openapi.yaml openapi/openapi.yaml%n"
                        + "(the test just wrote it) and commit it with the code.")
                .isEqualTo(committed);
    }

    @Test
    void everyOperationHasAStableIdAndDeclaresProblemResponses() {
        String served = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .extract()
                .asString();
        io.restassured.path.json.JsonPath doc = new io.restassured.path.json.JsonPath(served);
        java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = doc.getMap("paths");
        assertThat(paths).isNotEmpty();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertThat(operation).as(method + " " + path).containsKey("operationId");
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> responses = (java.util.Map<String, Object>) operation.get("responses");
            assertThat(responses).as(method + " " + path + " declares 401").containsKey("401");
            assertThat(operation)
                    .as(method + " " + path + " has a security requirement")
                    .containsKey("security");
        }));
    }
}
