package dev.fairwise.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The campaign state machine: draft -> active <-> paused -> closed, and 409 for every other move. */
@QuarkusTest
class CampaignLifecycleTest {

    @ParameterizedTest(name = "{0} then {1} -> {2}")
    @CsvSource({
        "'',                      activate, 200, active",
        "'',                      close,    200, closed",
        "'',                      pause,    409, draft",
        "'',                      resume,   409, draft",
        "activate,                pause,    200, paused",
        "activate,                close,    200, closed",
        "activate,                activate, 409, active",
        "activate,                resume,   409, active",
        "activate pause,          resume,   200, active",
        "activate pause,          close,    200, closed",
        "activate pause,          pause,    409, paused",
        "activate pause,          activate, 409, paused",
        "close,                   activate, 409, closed",
        "close,                   resume,   409, closed",
        "close,                   close,    409, closed",
    })
    void transitions(String before, String action, int status, String stateAfter) {
        String slug = Fixtures.createCampaign("life", Map.of());
        for (String step : before.isBlank() ? new String[0] : before.trim().split(" ")) {
            post(slug, step).then().statusCode(200);
        }
        var response = post(slug, action).then().statusCode(status);
        if (status == 409) {
            response.contentType("application/problem+json")
                    .body("type", equalTo("https://fairwise.dev/problems/illegal-state-change"));
        }
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .body("state", equalTo(stateAfter));
    }

    @ParameterizedTest
    @CsvSource({"activate", "pause", "resume", "close"})
    void unknownCampaignIsA404(String action) {
        post("no-such-campaign", action).then().statusCode(404).contentType("application/problem+json");
    }

    @org.junit.jupiter.api.Test
    void aClosedCampaignCannotBeEdited() {
        String slug = Fixtures.createCampaign("closed", Map.of());
        post(slug, "close").then().statusCode(200);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("title", "New"))
                .patch("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.Response post(String slug, String action) {
        return given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/campaigns/{slug}/" + action, slug);
    }
}
