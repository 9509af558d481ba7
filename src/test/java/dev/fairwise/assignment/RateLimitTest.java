package dev.fairwise.assignment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rater who leases too fast gets 429 with Retry-After; other raters are not affected. */
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
}
