package dev.fairwise.assignment;

import static dev.fairwise.support.Rating.lease;
import static dev.fairwise.support.Rating.leaseId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who gets which comparison, and for how long. */
@QuarkusTest
class LeaseRulesTest {
    @Inject
    AssignmentService assignments;

    @Test
    void askingAgainAnswersTheSameLiveLease() {
        String campaign = Rating.campaignWithComparisons("again", 3, Map.of());
        String first = leaseId("ada", campaign);
        lease("ada", campaign).then().statusCode(200).body("id", equalTo(first)).body("state", equalTo("live"));
    }

    @Test
    void aRaterNeverGetsTheSameComparisonTwiceAndThenGets204() {
        String campaign = Rating.campaignWithComparisons("twice", 3, Map.of("overlap", 3));
        Set<String> prompts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            var lease = lease("bo", campaign).then().statusCode(201).extract();
            prompts.add(lease.path("prompt[1].content"));
            Rating.submit("bo", lease.path("id"), Map.of("winner", "tie"))
                    .then()
                    .statusCode(201);
        }
        assertThat(prompts).hasSize(3);
        lease("bo", campaign).then().statusCode(204);
        // others still get them: overlap 3
        lease("cy", campaign).then().statusCode(201);
    }

    @Test
    void aComparisonIsNotLeasedBeyondItsOverlap() {
        String campaign = Rating.campaignWithComparisons("overlap", 1, Map.of("overlap", 2));
        leaseId("r1", campaign);
        leaseId("r2", campaign);
        lease("r3", campaign).then().statusCode(204);
    }

    @Test
    void comparisonsNearestToDoneAreOfferedFirst() {
        String campaign = Rating.campaignWithComparisons("nearest", 3, Map.of("overlap", 2));
        var first = lease("n1", campaign).then().statusCode(201).extract();
        Rating.submit("n1", first.path("id"), Map.of("winner", "a")).then().statusCode(201);
        // n2 is offered the comparison that already has one judgment, not an untouched older one
        lease("n2", campaign)
                .then()
                .statusCode(201)
                .body("prompt[1].content", equalTo(first.path("prompt[1].content")));
    }

    @Test
    void pausedAndClosedCampaignsLeaseNothing() {
        String campaign = Rating.campaignWithComparisons("paused", 1, Map.of());
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/pause", campaign)
                .then()
                .statusCode(200);
        lease("pia", campaign)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/campaign-not-active"));
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/close", campaign)
                .then()
                .statusCode(200);
        lease("pia", campaign).then().statusCode(409);
        lease("pia", "no-such-campaign").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anExpiredLeaseDoesNotBlockOthersAndCannotBeJudged() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("expiry", 1, Map.of("lease_seconds", 60));
        String late = leaseId("late", campaign);
        lease("next", campaign).then().statusCode(204);
        clock.advance(Duration.ofSeconds(61));
        String next = leaseId("next", campaign);
        Rating.submit("late", late, Map.of("winner", "a"))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/lease-expired"));
        Rating.submit("next", next, Map.of("winner", "b")).then().statusCode(201);
        Rating.get("late", late).then().statusCode(200).body("state", equalTo("expired"));
    }

    @Test
    void theSweepMarksOverdueLeasesExpiredAndCountsTheirTime() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("sweep", 1, Map.of("lease_seconds", 60));
        String id = leaseId("sam", campaign);
        clock.advance(Duration.ofSeconds(90));
        // what the scheduled sweep does (it may also have run by itself meanwhile)
        assignments.expireOverdue(100).await().atMost(Duration.ofSeconds(10));
        Rating.get("sam", id).then().body("state", equalTo("expired"));
        lease("other", campaign).then().statusCode(201);
        // the rater's own expired lease does not stop them from working on
        lease("sam", campaign).then().statusCode(204);
    }

    @Test
    void renewExtendsTheDeadlineUpToTheLongestLeaseAllowed() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("renew", 1, Map.of("lease_seconds", 3600));
        String id = leaseId("rex", campaign);
        Instant leased = Instant.parse(Rating.get("rex", id).then().extract().path("leased_at"));
        clock.advance(Duration.ofSeconds(3000));
        Rating.renew("rex", id)
                .then()
                .statusCode(200)
                .body("lease_deadline", equalTo(leased.plusSeconds(6600).toString()));
        clock.advance(Duration.ofSeconds(3500));
        // capped at two hours after the lease was taken
        Rating.renew("rex", id)
                .then()
                .statusCode(200)
                .body("lease_deadline", equalTo(leased.plusSeconds(7200).toString()));
        clock.advance(Duration.ofSeconds(600));
        Rating.renew("rex", id)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/lease-limit"));
        clock.advance(Duration.ofSeconds(200));
        Rating.renew("rex", id)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/lease-expired"));
    }

    @Test
    void activeTimeLeavesOutIdleGapsBeyondTheCutOff() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("active", 1, Map.of("lease_seconds", 3600));
        String id = leaseId("tia", campaign);
        clock.advance(Duration.ofSeconds(120));
        Rating.renew("tia", id).then().statusCode(200);
        clock.advance(Duration.ofMinutes(20)); // away: only the 5-minute cut-off counts
        Rating.renew("tia", id).then().statusCode(200);
        clock.advance(Duration.ofSeconds(30));
        Rating.submit("tia", id, Map.of("winner", "a"))
                .then()
                .statusCode(201)
                .body("active_ms", equalTo((120 + 300 + 30) * 1000));
    }

    @Test
    void skipReleasesTheComparisonForOthersAndIsNeverOfferedBack() {
        String campaign = Rating.campaignWithComparisons("skip", 1, Map.of());
        String id = leaseId("sky", campaign);
        Rating.skip("sky", id, Map.of("reason", "other"))
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("note"));
        Rating.skip("sky", id, Map.of("reason", "sleepy"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Rating.skip("sky", id, Map.of("reason", "distressing"))
                .then()
                .statusCode(200)
                .body("state", equalTo("skipped"));
        lease("sky", campaign).then().statusCode(204);
        leaseId("someone-else", campaign);
        Rating.skip("sky", id, Map.of("reason", "broken_item"))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/assignment-ended"));
        Rating.submit("sky", id, Map.of("winner", "a")).then().statusCode(409);
    }
}
