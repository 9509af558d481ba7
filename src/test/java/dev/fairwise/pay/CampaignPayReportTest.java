package dev.fairwise.pay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.fairwise.fairwork.PayPeriod;
import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A campaign's pay report: one line per rater under the campaign's pseudonyms, top-ups per pay period. */
@QuarkusTest
class CampaignPayReportTest {
    @Inject
    Pseudonyms pseudonyms;

    private static Response report(String campaign, String period) {
        var request = given().auth().oauth2(Tokens.admin());
        if (period != null) {
            request.queryParam("period", period);
        }
        return request.get("/api/v1/admin/campaigns/{slug}/pay", campaign);
    }

    @Test
    void eachRaterIsListedUnderTheCampaignsOwnPseudonymWithTheirTopUp() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("pay-report", 2, Map.of());
        PayFixtures.payPerJudgment(campaign, "1.00");
        Sql.update("update campaign set pseudonyms = 'per_campaign' where slug = ?", campaign);
        PayFixtures.startOfNextWeek(clock);
        String judge = PayFixtures.rater("jo");
        String skipper = PayFixtures.rater("sky");
        String judged = Rating.leaseId(judge, campaign);
        clock.advance(Duration.ofSeconds(60));
        Rating.submit(judge, judged, Map.of("winner", "a")).then().statusCode(201);
        String skipped = Rating.leaseId(skipper, campaign);
        clock.advance(Duration.ofSeconds(120));
        Rating.skip(skipper, skipped, Map.of("reason", "broken_item")).then().statusCode(200);

        Response response = report(campaign, null);
        JsonPath report = response.then()
                .statusCode(200)
                .body("campaign", equalTo(campaign))
                .body("pay_terms.pay_kind", equalTo("per_judgment"))
                .body("raters", hasSize(2))
                .body("totals.raters", equalTo(2))
                .body("totals.judgments", equalTo(1))
                .body("totals.skips", equalTo(1))
                .body("totals.paid_ms", equalTo(180_000))
                .body("totals.earnings", equalTo("1.00"))
                .body("totals.top_up", equalTo("0.50"))
                .body("totals.total", equalTo("1.50"))
                .body("totals.effective_hourly_pay", equalTo("30.00"))
                .extract()
                .jsonPath();

        String judgeName = pseudonyms.of(judge, campaign, true);
        String skipperName = pseudonyms.of(skipper, campaign, true);
        assertThat(judgeName).isNotEqualTo(pseudonyms.of(judge));
        String line = "raters.find { it.rater == '%s' }.";
        assertThat(report.getInt(line.formatted(judgeName) + "judgments")).isEqualTo(1);
        assertThat(report.getString(line.formatted(judgeName) + "top_up")).isEqualTo("0.00");
        assertThat(report.getString(line.formatted(judgeName) + "effective_hourly_pay"))
                .isEqualTo("60.00");
        assertThat(report.getInt(line.formatted(skipperName) + "skips")).isEqualTo(1);
        assertThat(report.getLong(line.formatted(skipperName) + "paid_ms")).isEqualTo(120_000);
        assertThat(report.getString(line.formatted(skipperName) + "top_up")).isEqualTo("0.50");
        assertThat(report.getString(line.formatted(skipperName) + "effective_hourly_pay"))
                .isEqualTo("15.00");
        assertThat(response.asString())
                .doesNotContain(judge)
                .doesNotContain(skipper)
                .doesNotContain(pseudonyms.of(judge))
                .doesNotContain(pseudonyms.of(skipper));
    }

    @Test
    void overTheWholeCampaignEachPayPeriodIsToppedUpOnItsOwn() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("pay-periods", 2, Map.of());
        PayFixtures.payPerJudgment(campaign, "1.00");
        String rater = PayFixtures.rater("wes");
        PayPeriod first = PayFixtures.startOfNextWeek(clock);
        String judged = Rating.leaseId(rater, campaign);
        clock.advance(Duration.ofSeconds(60));
        Rating.submit(rater, judged, Map.of("winner", "a")).then().statusCode(201); // 60.00 an hour
        PayPeriod second = PayFixtures.startOfNextWeek(clock);
        String skipped = Rating.leaseId(rater, campaign);
        clock.advance(Duration.ofSeconds(120));
        Rating.skip(rater, skipped, Map.of("reason", "cannot_judge")).then().statusCode(200); // nothing earned

        report(campaign, first.id())
                .then()
                .statusCode(200)
                .body("period", equalTo(first.id()))
                .body("raters[0].top_up", equalTo("0.00"));
        report(campaign, second.id()).then().statusCode(200).body("raters[0].top_up", equalTo("0.50"));
        // the first week's surplus does not pay for the second week's shortfall
        report(campaign, "all")
                .then()
                .statusCode(200)
                .body("period", equalTo("all"))
                .body("start", nullValue())
                .body("end", nullValue())
                .body("raters[0].paid_ms", equalTo(180_000))
                .body("raters[0].earnings", equalTo("1.00"))
                .body("raters[0].top_up", equalTo("0.50"))
                .body("raters[0].effective_hourly_pay", equalTo("30.00"));
    }

    @Test
    void anUnknownCampaignIsNotFoundAndABadPeriodIsRejected() {
        report("no-such-campaign", null).then().statusCode(404);
        report("no-such-campaign", "everything").then().statusCode(400).body("errors[0].field", equalTo("period"));
    }
}
