package dev.fairwise.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Set-up and calls for the fair-work tests. */
public final class FairWork {
    private FairWork() {}

    /**
     * An active campaign with one comparison per entry of {@code tags}: completion x carries those tags,
     * completion y none, so the comparison carries exactly them. Answers the slug.
     */
    public static String taggedCampaign(String prefix, Map<String, Object> settings, List<List<String>> tags) {
        String campaign = Fixtures.activeCampaign(prefix, settings);
        List<Object> batch = new ArrayList<>();
        for (int p = 0; p < tags.size(); p++) {
            String prompt = campaign + "-p" + p;
            Map<String, Object> x = new HashMap<>(Completions.record(campaign, prompt, prompt + "-x", "model-x"));
            x.put("content_tags", tags.get(p));
            batch.add(x);
            batch.add(Completions.record(campaign, prompt, prompt + "-y", "model-y"));
        }
        ingest(batch);
        return campaign;
    }

    /** Ingests completion records over REST. */
    public static void ingest(List<Object> batch) {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", batch))
                .post("/api/v1/completions")
                .then()
                .statusCode(200);
    }

    public static Response putPreferences(String rater, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.rater(rater))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/me/preferences");
    }

    /** Opts {@code rater} in to {@code categories}, in time zone {@code zone}. */
    public static void optIn(String rater, String zone, String... categories) {
        putPreferences(rater, Map.of("sensitive_opt_in", List.of(categories), "time_zone", zone))
                .then()
                .statusCode(200);
    }

    public static Response reveal(String rater, String assignment) {
        return given().auth().oauth2(Tokens.rater(rater)).post("/api/v1/assignments/{id}/reveal", assignment);
    }

    public static Response me(String rater) {
        return given().auth().oauth2(Tokens.rater(rater)).get("/api/v1/me");
    }

    /** A judgment for slot a. */
    public static Map<String, Object> pickA() {
        return Map.of("winner", "a");
    }
}
