package dev.fairwise.judgment;

import static dev.fairwise.support.FairWork.pickA;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A campaign can ask for pseudonyms of its own, so its records cannot be linked to other campaigns'. */
@QuarkusTest
class PseudonymScopeTest {

    private static String raterInRecord(String campaign) {
        String id = Rating.leaseId("quinn", campaign);
        String judgment = Rating.submit("quinn", id, pickA())
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");
        var records = PreferencesTopic.awaitJudgments(Set.of(judgment), Duration.ofSeconds(30));
        return PreferencesTopic.json(records.get(0)).path("rater").asText();
    }

    @Test
    void perCampaignPseudonymsDifferFromTheGlobalOneAndFromOtherCampaigns() {
        String global = given().auth()
                .oauth2(Tokens.rater("quinn"))
                .get("/api/v1/me/preferences")
                .then()
                .extract()
                .path("pseudonym");
        String shared = raterInRecord(Rating.campaignWithComparisons("linked", 1, Map.of()));
        String own1 =
                raterInRecord(Rating.campaignWithComparisons("unlinked", 1, Map.of("pseudonyms", "per_campaign")));
        String own2 =
                raterInRecord(Rating.campaignWithComparisons("unlinked", 1, Map.of("pseudonyms", "per_campaign")));
        assertThat(shared).isEqualTo(global);
        assertThat(own1).startsWith("r-").isNotEqualTo(global).isNotEqualTo(own2);
        assertThat(own2).isNotEqualTo(global);
    }
}
