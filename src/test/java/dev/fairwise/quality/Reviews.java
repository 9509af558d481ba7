package dev.fairwise.quality;

import static io.restassured.RestAssured.given;

import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Raising reviews as the service will, and the admin and rater calls on them, for the review tests. */
final class Reviews {
    private Reviews() {}

    /** Evidence as the quality scan records it: figures with intervals, and example items. */
    static final String EVIDENCE = """
            {"gold_accuracy": {"value": 0.42, "interval": [0.31, 0.54], "threshold": 0.6, "answered": 12},
             "examples": [{"comparison_id": "c-1", "answered": "a", "expected": "b"}]}""";

    /** A login no other test uses, so reviews, rate limits and statements start empty. */
    static String login(String prefix) {
        return "reviewed-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long campaignId(String slug) {
        return (Long) Sql.value("select id from campaign where slug = ?", slug);
    }

    /** Raises (or adds to) a review as the quality scan will: straight through the store. */
    static UUID raise(
            Pool pool,
            String campaign,
            String rater,
            List<String> reasons,
            String evidence,
            Instant now,
            Duration quiet) {
        return ReviewStore.raise(pool, campaignId(campaign), rater, reasons, evidence, now, quiet)
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    static Response list(String campaign, String state) {
        var request = given().auth().oauth2(Tokens.admin());
        if (state != null) {
            request.queryParam("state", state);
        }
        return request.get("/api/v1/admin/campaigns/{slug}/reviews", campaign);
    }

    static Response get(UUID review) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/reviews/{id}", review);
    }

    static Response decide(UUID review, Object body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/reviews/{id}/decision", review);
    }

    static Response decide(UUID review, String decision, String reason) {
        return decide(review, Map.of("decision", decision, "reason", reason));
    }

    static Response reverse(UUID review, Object body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/reviews/{id}/reversal", review);
    }

    static Response own(String rater) {
        return given().auth().oauth2(Tokens.rater(rater)).get("/api/v1/me/reviews");
    }

    static Response reply(String rater, UUID review, Object body) {
        return given().auth()
                .oauth2(Tokens.rater(rater))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/me/reviews/{id}/replies", review);
    }

    static Response statement(String rater) {
        return given().auth().oauth2(Tokens.rater(rater)).get("/api/v1/me/statement");
    }

    static long events(UUID review) {
        return (Long) Sql.value("select count(*) from review_event where review_id = ?", review);
    }

    static String state(UUID review) {
        return (String) Sql.value("select state from review where id = ?", review);
    }
}
