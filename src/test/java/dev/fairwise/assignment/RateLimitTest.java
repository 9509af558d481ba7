package dev.fairwise.assignment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rater who sends too many requests of one kind gets 429 with Retry-After; other kinds and other raters
 * are not affected.
 */
@QuarkusTest
@TestProfile(RateLimitTest.Strict.class)
class RateLimitTest {

    /** Three requests a minute. */
    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fairwise.raters.requests-per-minute", "3");
        }
    }

    @Test
    void theFourthLeaseInAMinuteIs429() {
        String campaign = Rating.campaignWithComparisons("limit", 1, Map.of());
        for (int i = 0; i < 3; i++) {
            Rating.lease("speedy", campaign).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        Rating.lease("speedy", campaign)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://fairwise.dev/problems/rate-limited"));
        Rating.lease("patient", campaign).then().statusCode(org.hamcrest.Matchers.oneOf(201, 204));
    }

    @Test
    void readsRenewalsAndSkipsAreLimitedToo() {
        String campaign = Rating.campaignWithComparisons("limit-more", 1, Map.of("lease_seconds", 3600));
        String id = Rating.leaseId("busy", campaign);
        for (int i = 0; i < 3; i++) {
            Rating.get("busy", id).then().statusCode(200);
            Rating.renew("busy", id).then().statusCode(200);
        }
        Rating.get("busy", id).then().statusCode(429).header("Retry-After", notNullValue());
        Rating.renew("busy", id).then().statusCode(429);
        for (int i = 0; i < 3; i++) {
            io.restassured.RestAssured.given()
                    .auth()
                    .oauth2(dev.fairwise.support.Tokens.rater("lister"))
                    .get("/api/v1/campaigns")
                    .then()
                    .statusCode(200);
        }
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(dev.fairwise.support.Tokens.rater("lister"))
                .get("/api/v1/campaigns")
                .then()
                .statusCode(429);
        Rating.skip("busy", id, Map.of("reason", "cannot_judge")).then().statusCode(200);
    }
}
