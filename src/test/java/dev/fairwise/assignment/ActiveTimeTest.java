package dev.fairwise.assignment;

import static dev.fairwise.support.Rating.lease;
import static dev.fairwise.support.Rating.leaseId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Active time is never lost: every sign of activity counts (lease, asking for the live lease again,
 * reading it, a heartbeat, a renewal, even one refused at the longest lease allowed, and the submit), and
 * each gap between two of them counts up to the idle cut-off (5 minutes).
 */
@QuarkusTest
class ActiveTimeTest {

    @Test
    void aRenewalRefusedAtTheLongestLeaseStillCountsAsActivity() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("capped", 1, Map.of("lease_seconds", 3600));
        String id = leaseId("cara", campaign);
        clock.advance(Duration.ofSeconds(3000)); // counts 300
        Rating.renew("cara", id).then().statusCode(200);
        clock.advance(Duration.ofSeconds(3500)); // counts 300; the deadline reaches the two-hour cap
        Rating.renew("cara", id).then().statusCode(200);
        clock.advance(Duration.ofSeconds(240)); // counts 240
        Rating.renew("cara", id)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/lease-limit"));
        clock.advance(Duration.ofSeconds(240)); // counts 240: measured from the refused renewal
        submitted("cara", id, (300 + 300 + 240 + 240) * 1000);
    }

    @Test
    void aHeartbeatCountsAsActivityWithoutExtendingTheLease() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("heartbeat", 1, Map.of("lease_seconds", 600));
        String id = leaseId("hal", campaign);
        String deadline = Rating.get("hal", id).then().extract().path("lease_deadline");
        clock.advance(Duration.ofSeconds(240));
        heartbeat("hal", id).then().statusCode(200).body("lease_deadline", equalTo(deadline));
        clock.advance(Duration.ofSeconds(240));
        heartbeat("hal", id).then().statusCode(200).body("lease_deadline", equalTo(deadline));
        clock.advance(Duration.ofSeconds(100));
        submitted("hal", id, (240 + 240 + 100) * 1000);
    }

    @Test
    void aHeartbeatAfterTheDeadlineIsAConflictAndCountsNothing() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("late-beat", 1, Map.of("lease_seconds", 60));
        String id = leaseId("lee", campaign);
        clock.advance(Duration.ofSeconds(61));
        heartbeat("lee", id)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/lease-expired"));
    }

    @Test
    void readingTheLiveLeaseCountsAsActivity() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("reading", 1, Map.of("lease_seconds", 3600));
        String id = leaseId("rea", campaign);
        clock.advance(Duration.ofSeconds(240));
        Rating.get("rea", id).then().statusCode(200);
        clock.advance(Duration.ofSeconds(240));
        submitted("rea", id, (240 + 240) * 1000);
    }

    @Test
    void askingForTheLiveLeaseAgainCountsAsActivity() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("asking", 1, Map.of("lease_seconds", 3600));
        String id = leaseId("ask", campaign);
        clock.advance(Duration.ofSeconds(240));
        lease("ask", campaign).then().statusCode(200).body("id", equalTo(id));
        clock.advance(Duration.ofSeconds(240));
        submitted("ask", id, (240 + 240) * 1000);
    }

    private static Response heartbeat(String rater, String id) {
        return given().auth().oauth2(Tokens.rater(rater)).post("/api/v1/assignments/{id}/heartbeat", id);
    }

    private static void submitted(String rater, String id, int activeMs) {
        Rating.submit(rater, id, Map.of("winner", "a")).then().statusCode(201).body("active_ms", equalTo(activeMs));
    }
}
