package dev.fairwise.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rater-side calls and campaign set-up for the rating tests. */
public final class Rating {
    private Rating() {}

    /**
     * An active campaign whose comparisons come from {@code prompts} prompts with two completions each
     * (models {@code model-x} and {@code model-y}), ingested over REST; answers the slug.
     */
    public static String campaignWithComparisons(String prefix, int prompts, Map<String, Object> settings) {
        String campaign = Fixtures.activeCampaign(prefix, settings);
        List<Object> batch = new ArrayList<>();
        for (int p = 0; p < prompts; p++) {
            batch.add(Completions.record(campaign, campaign + "-p" + p, campaign + "-p" + p + "-x", "model-x"));
            batch.add(Completions.record(campaign, campaign + "-p" + p, campaign + "-p" + p + "-y", "model-y"));
        }
        for (int from = 0; from < batch.size(); from += 400) {
            given().auth()
                    .oauth2(Tokens.admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("completions", batch.subList(from, Math.min(batch.size(), from + 400))))
                    .post("/api/v1/completions")
                    .then()
                    .statusCode(200);
        }
        return campaign;
    }

    public static Response lease(String rater, String campaign) {
        return given().auth().oauth2(Tokens.rater(rater)).post("/api/v1/campaigns/{slug}/assignments", campaign);
    }

    /** Leases and expects a new assignment; answers its id. */
    public static String leaseId(String rater, String campaign) {
        return lease(rater, campaign).then().statusCode(201).extract().path("id");
    }

    public static Response submit(String rater, String assignment, Map<String, Object> judgment) {
        return given().auth()
                .oauth2(Tokens.rater(rater))
                .contentType(ContentType.JSON)
                .body(judgment)
                .post("/api/v1/assignments/{id}/judgment", assignment);
    }

    public static Response skip(String rater, String assignment, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.rater(rater))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/assignments/{id}/skip", assignment);
    }

    public static Response renew(String rater, String assignment) {
        return given().auth().oauth2(Tokens.rater(rater)).post("/api/v1/assignments/{id}/renew", assignment);
    }

    public static Response get(String rater, String assignment) {
        return given().auth().oauth2(Tokens.rater(rater)).get("/api/v1/assignments/{id}", assignment);
    }
}
