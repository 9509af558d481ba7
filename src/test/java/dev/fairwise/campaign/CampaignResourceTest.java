package dev.fairwise.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CampaignResourceTest {

    @Test
    void createdCampaignIsADraftWithDefaults() {
        String slug = Fixtures.uniqueSlug("defaults");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "title", "Helpfulness", "instructions", "# Pick the better one"))
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/admin/campaigns/" + slug))
                .body("slug", equalTo(slug))
                .body("state", equalTo("draft"))
                .body("guideline_version", equalTo(1))
                .body("overlap", equalTo(1))
                .body("pairing_strategy", equalTo("all_pairs"))
                .body("per_prompt_cap", equalTo(10))
                .body("lease_seconds", equalTo(600))
                .body("strength_required", equalTo(false))
                .body("rationale_required", equalTo(false))
                .body("criteria", equalTo(List.of()))
                .body("created_at", notNullValue());

        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(200)
                .body("title", equalTo("Helpfulness"));
    }

    @Test
    void everySettingIsStoredAsSent() {
        String slug = Fixtures.createCampaign(
                "full",
                Map.of(
                        "criteria",
                        List.of(
                                Map.of("name", "helpfulness", "question", "Which is more helpful?"),
                                Map.of("name", "harmlessness", "question", "Which is less harmful?")),
                        "strength_required",
                        true,
                        "rationale_required",
                        true,
                        "overlap",
                        3,
                        "pairing_strategy",
                        "vs_baseline",
                        "baseline_model",
                        "base-v0",
                        "per_prompt_cap",
                        4,
                        "pairing_seed",
                        42,
                        "lease_seconds",
                        300));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(200)
                .body("criteria.name", contains("helpfulness", "harmlessness"))
                .body("strength_required", equalTo(true))
                .body("rationale_required", equalTo(true))
                .body("overlap", equalTo(3))
                .body("pairing_strategy", equalTo("vs_baseline"))
                .body("baseline_model", equalTo("base-v0"))
                .body("per_prompt_cap", equalTo(4))
                .body("pairing_seed", equalTo(42))
                .body("lease_seconds", equalTo(300));
    }

    @Test
    void aTakenSlugIsAConflict() {
        String slug = Fixtures.createCampaign("taken", Map.of());
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "title", "Again", "instructions", "x"))
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/duplicate"));
    }

    @Test
    void listIsPagedNewestFirstAndFiltersByState() {
        String older = Fixtures.createCampaign("list", Map.of());
        String newer = Fixtures.activeCampaign("list", Map.of());
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("size", 2)
                .get("/api/v1/admin/campaigns")
                .then()
                .statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.size()", equalTo(2))
                .body("items[0].slug", equalTo(newer))
                .body("items[1].slug", equalTo(older));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("state", "active")
                .queryParam("size", 200)
                .get("/api/v1/admin/campaigns")
                .then()
                .statusCode(200)
                .body("items.slug", hasItem(newer))
                .body("items.state", org.hamcrest.Matchers.everyItem(equalTo("active")));
    }

    @Test
    void editingInstructionsBumpsTheGuidelineVersionAndKeepsOldVersions() {
        String slug = Fixtures.createCampaign("guide", Map.of());
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("instructions", "Version two", "overlap", 2))
                .patch("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(200)
                .body("guideline_version", equalTo(2))
                .body("instructions", equalTo("Version two"))
                .body("overlap", equalTo(2));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("title", "Renamed"))
                .patch("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(200)
                .body("guideline_version", equalTo(2));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/guidelines", slug)
                .then()
                .statusCode(200)
                .body("version", contains(1, 2))
                .body("instructions", contains("Pick the more helpful response.", "Version two"));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/guidelines/1", slug)
                .then()
                .statusCode(200)
                .body("instructions", equalTo("Pick the more helpful response."));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/guidelines/9", slug)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void progressOfANewCampaignIsAllZero() {
        String slug = Fixtures.createCampaign("progress", Map.of("overlap", 3));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/progress", slug)
                .then()
                .statusCode(200)
                .body("campaign", equalTo(slug))
                .body("prompts", equalTo(0))
                .body("completions", equalTo(0))
                .body("comparisons.total", equalTo(0))
                .body("judgments.received", equalTo(0))
                .body("judgments.wanted", equalTo(0));
    }

    @Test
    void unknownCampaignIsNotFound() {
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/no-such-campaign")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/not-found"))
                .body("status", equalTo(404));
    }
}
