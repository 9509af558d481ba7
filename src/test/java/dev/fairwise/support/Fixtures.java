package dev.fairwise.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Shared set-up steps that go through the public API, as a user would. */
public final class Fixtures {
    private Fixtures() {}

    /** A slug no other test uses, so tests never see each other's data. */
    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates and activates a campaign; {@code settings} are extra fields of the create request. */
    public static String activeCampaign(String prefix, Map<String, Object> settings) {
        String slug = createCampaign(prefix, settings);
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/activate", slug)
                .then()
                .statusCode(200);
        return slug;
    }

    /** Creates a draft campaign; {@code settings} are extra fields of the create request. */
    public static String createCampaign(String prefix, Map<String, Object> settings) {
        String slug = uniqueSlug(prefix);
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("slug", slug, "title", "Test " + prefix, "instructions", "Pick the more helpful response."));
        body.putAll(settings);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(201);
        return slug;
    }
}
