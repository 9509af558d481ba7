package dev.fairwise.quality;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.assignment.GoldDraw;
import dev.fairwise.assignment.ShownOrder;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The quality report on constructed campaigns whose right answer is plain: how judgments become a reliability
 * study (units are comparisons, values the verdicts in stored order), and the per-rater figures.
 */
@QuarkusTest
class QualityTest {

    /** The judgment every rater gives prompt i: a for even prompts, b for odd ones, strength by side. */
    private static Map<String, Object> agreed(int i) {
        return i % 2 == 0 ? Map.of("winner", "a", "strength", "clear") : Map.of("winner", "b", "strength", "strong");
    }

    private static Map<String, Object> opposite(int i) {
        return agreed(i + 1);
    }

    /** Leases and judges until there is nothing left, answering each prompt's index with {@code judge}. */
    static int rateAll(String rater, String campaign, IntFunction<Map<String, Object>> judge) {
        int judged = 0;
        while (true) {
            Response lease = Rating.lease(rater, campaign);
            if (lease.statusCode() == 204) {
                return judged;
            }
            JsonPath view = lease.then().statusCode(201).extract().jsonPath();
            String question = view.getString("prompt[-1].content");
            int prompt = Integer.parseInt(question.substring(question.lastIndexOf("-p") + 2));
            Rating.submit(rater, view.getString("id"), judge.apply(prompt))
                    .then()
                    .statusCode(201);
            judged++;
        }
    }

    static JsonPath report(String campaign) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/quality", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void perfectAgreementGivesOneOnEveryCoefficientAndEveryRaterAgreesWithTheConsensus() {
        QuarkusMock.installMockForType(new ConsensusTest.StoredOrder(), ShownOrder.class);
        String campaign = Rating.campaignWithComparisons("quality-perfect", 10, Map.of("overlap", 3));
        for (String r : List.of("x", "y", "z")) {
            assertThat(rateAll(campaign + "-" + r, campaign, QualityTest::agreed))
                    .isEqualTo(10);
        }

        JsonPath report = report(campaign);
        assertThat(report.getInt("judgments")).isEqualTo(30);
        assertThat(report.getInt("comparisons")).isEqualTo(10);
        assertThat(report.getInt("consensus")).isEqualTo(10);
        assertThat(report.getDouble("verdict.alpha_nominal.value")).isEqualTo(1.0);
        assertThat(report.getDouble("verdict.alpha_ordinal_strength.value")).isEqualTo(1.0);
        assertThat(report.getDouble("verdict.percent_agreement.value")).isEqualTo(1.0);
        assertThat(report.getDouble("verdict.fleiss_kappa.value")).isEqualTo(1.0);
        assertThat(report.getList("raters")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(report.getString("raters[" + i + "].status")).isEqualTo("ok");
            assertThat(report.getDouble("raters[" + i + "].consensus_agreement.value"))
                    .isEqualTo(1.0);
            assertThat(report.getString("raters[" + i + "].rater")).startsWith("r-");
        }
        assertThat(report.getList("reviews_raised")).isEmpty();
    }

    @Test
    void aRaterWhoAlwaysOpposesPullsAlphaBelowZeroAndGetsAReviewWithEvidence() {
        QuarkusMock.installMockForType(new ConsensusTest.StoredOrder(), ShownOrder.class);
        String campaign = Rating.campaignWithComparisons("quality-opposed", 10, Map.of("overlap", 2));
        rateAll(campaign + "-x", campaign, QualityTest::agreed);
        rateAll(campaign + "-y", campaign, QualityTest::opposite);

        JsonPath report = report(campaign);
        assertThat(report.getDouble("verdict.alpha_nominal.value")).isLessThan(0.0);
        assertThat(report.getDouble("verdict.alpha_nominal.low"))
                .isLessThanOrEqualTo(report.getDouble("verdict.alpha_nominal.value"));
        assertThat(report.getDouble("verdict.percent_agreement.value")).isEqualTo(0.0);
        // with two raters each one's leave-one-out consensus is the other's vote: both disagree every time
        assertThat(report.getDouble("raters[0].consensus_agreement.value")).isEqualTo(0.0);
        assertThat(report.getList("reviews_raised")).hasSize(2);
        // asking again adds to the open reviews rather than raising new ones, and gives the same intervals
        JsonPath again = report(campaign);
        assertThat(again.getList("reviews_raised")).hasSize(2);
        assertThat(again.getMap("verdict")).isEqualTo(report.getMap("verdict"));
    }

    @Test
    void fleissKappaIsWithheldUntilEveryComparisonHasTheFullOverlap() {
        String campaign = Rating.campaignWithComparisons("quality-fleiss", 3, Map.of("overlap", 3));
        rateAll(campaign + "-x", campaign, QualityTest::agreed);
        rateAll(campaign + "-y", campaign, QualityTest::agreed);

        JsonPath report = report(campaign);
        assertThat(report.getString("verdict.fleiss_kappa.value")).isNull();
        assertThat(report.getString("verdict.fleiss_kappa.note")).contains("3");
        // two raters on three comparisons: too few judgments for rater figures
        assertThat(report.getString("raters[0].status")).isEqualTo("not_enough_data");
        assertThat(report.getMap("raters[0]")).doesNotContainKey("consensus_agreement");
    }

    @Test
    void aRaterReadsTheirOwnFiguresByTheSameDefinitionsAsTheAdminReport() {
        QuarkusMock.installMockForType(new ConsensusTest.StoredOrder(), ShownOrder.class);
        String campaign = Rating.campaignWithComparisons("quality-own", 12, Map.of("overlap", 2));
        String rater = campaign + "-me";
        rateAll(rater, campaign, QualityTest::agreed);
        rateAll(campaign + "-other", campaign, i -> i < 9 ? agreed(i) : opposite(i));

        JsonPath own = given().auth()
                .oauth2(Tokens.rater(rater))
                .get("/api/v1/me/quality")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(own.getList("campaigns")).hasSize(1);
        Map<String, Object> mine = own.getMap("campaigns[0].figures");
        JsonPath report = report(campaign);
        List<Map<String, Object>> rows = report.getList("raters");
        Map<String, Object> row = rows.stream()
                .filter(r -> r.get("rater").equals(mine.get("rater")))
                .findFirst()
                .orElseThrow();
        assertThat(mine.get("consensus_agreement")).isEqualTo(row.get("consensus_agreement"));
        assertThat(mine.get("position_bias")).isEqualTo(row.get("position_bias"));
        assertThat(mine.get("median_active_ms")).isEqualTo(row.get("median_active_ms"));
        assertThat(mine.get("judgments")).isEqualTo(12);
        assertThat(own.getDouble("campaigns[0].figures.consensus_agreement.value"))
                .isEqualTo(9.0 / 12);
    }

    @Test
    void goldMissesRaiseAGoldAccuracyReviewAndNothingHappensToTheRater() {
        QuarkusMock.installMockForType(new GoldTest.AlwaysGold(), GoldDraw.class);
        QuarkusMock.installMockForType(new ConsensusTest.StoredOrder(), ShownOrder.class);
        String campaign = Rating.campaignWithComparisons("quality-gold", 10, Map.of("gold_share", 0.5));
        for (int i = 0; i < 5; i++) {
            GoldTest.addGold(campaign, GoldTest.goldItem(campaign + i)); // known verdict a
        }
        String rater = campaign + "-r";
        int judged = 0;
        while (judged < 15) {
            String id = Rating.leaseId(rater, campaign);
            Rating.submit(rater, id, Map.of("winner", "b")).then().statusCode(201);
            judged++;
        }
        JsonPath report = report(campaign);
        assertThat(report.getInt("gold_judgments")).isEqualTo(5);
        assertThat(report.getDouble("raters[0].gold_accuracy.value")).isEqualTo(0.0);
        assertThat(report.getDouble("raters[0].gold_accuracy.high")).isLessThan(0.6);
        assertThat(report.getList("reviews_raised")).hasSize(1);
        Rating.lease(rater, campaign).then().statusCode(204); // everything judged; not paused
    }
}
