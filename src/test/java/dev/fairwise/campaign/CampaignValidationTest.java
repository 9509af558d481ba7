package dev.fairwise.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid create request answers 400 problem+json naming the field, and creates nothing. */
@QuarkusTest
class CampaignValidationTest {

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("slug", "Has Spaces", "slug"),
                Arguments.of("slug", "x", "slug"),
                Arguments.of("slug", null, "slug"),
                Arguments.of("title", "", "title"),
                Arguments.of("title", "t".repeat(201), "title"),
                Arguments.of("instructions", "   ", "instructions"),
                Arguments.of("overlap", 0, "overlap"),
                Arguments.of("overlap", 11, "overlap"),
                Arguments.of("per_prompt_cap", 0, "per_prompt_cap"),
                Arguments.of("lease_seconds", 5, "lease_seconds"),
                Arguments.of("lease_seconds", 100_000, "lease_seconds"),
                Arguments.of("criteria", List.of(Map.of("name", "Bad Name", "question", "q")), "criteria[0].name"),
                Arguments.of("criteria", List.of(Map.of("name", "ok", "question", "")), "criteria[0].question"),
                Arguments.of(
                        "criteria",
                        List.of(Map.of("name", "same", "question", "a"), Map.of("name", "same", "question", "b")),
                        "criteria"),
                Arguments.of("pairing_strategy", "vs_baseline", "baseline_model"),
                Arguments.of("pairing_strategy", "best_of_all", "pairing_strategy"),
                Arguments.of("overlap", "3", "overlap"),
                Arguments.of("strength_required", "yes", "strength_required"),
                Arguments.of("colour", "blue", "colour"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void invalidFieldIsA400NamingIt(String field, Object value, String reported) {
        String slug = Fixtures.uniqueSlug("invalid");
        Map<String, Object> body = new HashMap<>(Map.of("slug", slug, "title", "T", "instructions", "I"));
        body.put(field, value);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(reported));
        if (!"slug".equals(field)) {
            given().auth()
                    .oauth2(Tokens.admin())
                    .get("/api/v1/admin/campaigns/{slug}", slug)
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void malformedJsonIsA400() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"slug\": \"abc\", ")
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/malformed-json"));
    }

    @Test
    void missingBodyIsA400() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void invalidUpdateChangesNothing() {
        String slug = Fixtures.createCampaign("upd", Map.of("overlap", 2));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("overlap", 99, "title", "Changed"))
                .patch("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("overlap"));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("pairing_strategy", "vs_baseline"))
                .patch("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("baseline_model"));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .body("overlap", equalTo(2))
                .body("title", equalTo("Test upd"))
                .body("pairing_strategy", equalTo("all_pairs"));
    }

    @Test
    void listRejectsAnUnknownStateFilterAndBadPaging() {
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("state", "sleeping")
                .get("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("state"));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("size", 0)
                .get("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
