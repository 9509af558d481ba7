package dev.fairwise.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every kind of error answers RFC 9457 problem+json with a stable type, and never leaks internals. */
@QuarkusTest
class ProblemResponseTest {

    @Test
    void unknownApiPathIsA404Problem() {
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/not-found"))
                .body("title", notNullValue())
                .body("status", equalTo(404));
    }

    @Test
    void wrongMethodIsA405Problem() {
        given().auth()
                .oauth2(Tokens.admin())
                .delete("/api/v1/admin/campaigns")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/method-not-allowed"));
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.XML)
                .body("<campaign/>")
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/unsupported-media-type"));
    }

    @Test
    void oversizedBodyIsA413Problem() {
        String big = "{\"slug\":\"big-body\",\"title\":\"t\",\"instructions\":\"" + "x".repeat(70_000) + "\"}";
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(big)
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/body-too-large"));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/big-body")
                .then()
                .statusCode(404);
    }

    @Test
    void wrongTypesAndHugeNumbersAreValidationProblemsWithoutInternals() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(
                        "{\"slug\":\"huge-number\",\"title\":\"t\",\"instructions\":\"i\",\"overlap\":99999999999999999999}")
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(containsString("java")))
                .body("detail", not(containsString("Exception")));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("[1, 2, 3]")
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(containsString("dev.fairwise")));
    }

    @Test
    void invalidUtf8IsA400Problem() {
        byte[] body = {'{', '"', 's', 'l', 'u', 'g', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(body)
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aNulCharacterIsA400AndStoresNothing() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"slug\":\"nul-title\",\"title\":\"a\\u0000b\",\"instructions\":\"i\"}")
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/nul-title")
                .then()
                .statusCode(404);
        String campaign = dev.fairwise.support.Rating.campaignWithComparisons("nul", 1, java.util.Map.of());
        String id = dev.fairwise.support.Rating.leaseId("nina", campaign);
        given().auth()
                .oauth2(Tokens.rater("nina"))
                .contentType(ContentType.JSON)
                .body("{\"winner\":\"a\",\"rationale\":\"x\\u0000y\"}")
                .post("/api/v1/assignments/{id}/judgment", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        dev.fairwise.support.Rating.get("nina", id).then().body("state", equalTo("live"));
        given().auth()
                .oauth2(Tokens.rater("nina"))
                .post("/api/v1/campaigns/{slug}/assignments", "bad\u0000slug")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 404))
                .contentType("application/problem+json");
    }
}
