package dev.fairwise.assignment;

import static dev.fairwise.support.Rating.lease;
import static dev.fairwise.support.Rating.leaseId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What pausing and closing a campaign mean for leases already taken: a pause stops new leases but lets
 * raters finish what they hold; closing ends the work, so renew and submit are refused, and a rater can
 * still give the item back.
 */
@QuarkusTest
class WorkInFlightTest {
    private static final String NOT_ACTIVE = "https://fairwise.dev/problems/campaign-not-active";

    @Test
    void aPausedCampaignLeasesNothingNewButLiveLeasesAreRenewedAndSubmitted() {
        String campaign = Rating.campaignWithComparisons("paused-work", 2, Map.of());
        String id = leaseId("pia", campaign);
        admin(campaign, "pause");
        lease("pat", campaign).then().statusCode(409).body("type", equalTo(NOT_ACTIVE));
        Rating.renew("pia", id).then().statusCode(200);
        Rating.submit("pia", id, Map.of("winner", "a")).then().statusCode(201);
    }

    @Test
    void aClosedCampaignRefusesRenewAndSubmit() {
        String campaign = Rating.campaignWithComparisons("closed-work", 1, Map.of());
        String id = leaseId("cleo", campaign);
        admin(campaign, "close");
        Rating.renew("cleo", id).then().statusCode(409).body("type", equalTo(NOT_ACTIVE));
        Rating.submit("cleo", id, Map.of("winner", "a")).then().statusCode(409).body("type", equalTo(NOT_ACTIVE));
        Rating.get("cleo", id).then().statusCode(200).body("state", equalTo("live"));
    }

    @Test
    void aLeaseOfAClosedCampaignCanStillBeGivenBack() {
        String campaign = Rating.campaignWithComparisons("closed-skip", 1, Map.of());
        String id = leaseId("sid", campaign);
        admin(campaign, "close");
        Rating.skip("sid", id, Map.of("reason", "cannot_judge"))
                .then()
                .statusCode(200)
                .body("state", equalTo("skipped"));
    }

    private static void admin(String campaign, String action) {
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/" + action, campaign)
                .then()
                .statusCode(200);
    }
}
