package dev.fairwise.campaign;

import static dev.fairwise.support.FairWork.pickA;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pay terms, the floor (15.00 USD per hour) and the pilot (the first 3 judgments in the test profile): a
 * campaign opens only when its estimated pay reaches the floor, raters see the estimate before they start,
 * and a pilot that shows the pay below the floor pauses the campaign until its pay is raised.
 */
@QuarkusTest
class PayTermsTest {

    private static Map<String, Object> perJudgment(String amount, int seconds) {
        return Map.of(
                "pay", Map.of("kind", "per_judgment", "amount", amount, "estimated_seconds_per_judgment", seconds));
    }

    private static Response admin(String path, String slug) {
        return given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/campaigns/{slug}/" + path, slug);
    }

    private static Response patch(String slug, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/api/v1/admin/campaigns/{slug}", slug);
    }

    @Test
    void aCampaignWhoseEstimateIsBelowTheFloorCannotBeActivated() {
        String slug = Fixtures.createCampaign("cheap", perJudgment("0.10", 60));
        admin("activate", slug)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/pay-below-floor"))
                .body("figures.estimated_hourly_pay", equalTo("6.00"))
                .body("figures.floor", equalTo("15.00"))
                .body("figures.currency", equalTo("USD"));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .body("state", equalTo("draft"));
        patch(slug, perJudgment("0.25", 60)).then().statusCode(200).body("estimate.hourly_pay", equalTo("15.00"));
        admin("activate", slug).then().statusCode(200);
    }

    @Test
    void ratersSeeThePayAndTheEstimatedHourlyPayBeforeTheyStart() {
        String slug = Fixtures.activeCampaign("estimate", perJudgment("0.50", 60));
        given().auth()
                .oauth2(Tokens.rater("erin"))
                .get("/api/v1/campaigns")
                .then()
                .statusCode(200)
                .body("find { it.slug == '" + slug + "' }.pay.amount", equalTo("0.50"))
                .body("find { it.slug == '" + slug + "' }.estimate.hourly_pay", equalTo("30.00"))
                .body("find { it.slug == '" + slug + "' }.estimate.seconds_per_judgment", equalTo(60))
                .body("find { it.slug == '" + slug + "' }.estimate.source", equalTo("stated"));
    }

    @Test
    void aPilotBelowTheFloorPausesTheCampaignUntilItsPayIsRaised() {
        MovableClock clock = MovableClock.install();
        String slug = Rating.campaignWithComparisons("pilot", 5, perJudgment("0.30", 60)); // 18.00 stated
        for (String rater : new String[] {"pa", "pb", "pc"}) {
            String id = Rating.leaseId(rater, slug);
            clock.advance(Duration.ofSeconds(120)); // the pilot measures 120 s: 9.00 per hour
            Rating.submit(rater, id, pickA()).then().statusCode(201);
        }
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .body("state", equalTo("paused"))
                .body("pause_reason", containsString("below the floor"))
                .body("pilot.judgments", equalTo(3))
                .body("pilot.p75_seconds", equalTo(120))
                .body("estimate.source", equalTo("pilot"))
                .body("estimate.hourly_pay", equalTo("9.00"));
        Rating.lease("pd", slug).then().statusCode(409);
        admin("resume", slug).then().statusCode(409).body("figures.estimated_hourly_pay", equalTo("9.00"));
        patch(slug, perJudgment("0.20", 60)).then().statusCode(409).body("type", containsString("campaign-locked"));
        patch(slug, Map.of("pay", Map.of("kind", "per_judgment", "amount", "0.60")))
                .then()
                .statusCode(200)
                .body("estimate.hourly_pay", equalTo("18.00"));
        admin("resume", slug).then().statusCode(200).body("pause_reason", equalTo(null));
        Rating.lease("pd", slug).then().statusCode(201);
    }

    @Test
    void aCurrencyWithoutAFloorIsRefused() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "slug",
                        Fixtures.uniqueSlug("yen"),
                        "title",
                        "Yen",
                        "instructions",
                        "Pick one.",
                        "pay",
                        Map.of("kind", "hourly", "amount", "3000", "currency", "JPY")))
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("pay.currency"));
    }

    @Test
    void anHourlyJudgmentEarnsTheRateForItsActiveTime() {
        MovableClock clock = MovableClock.install();
        String slug =
                Rating.campaignWithComparisons("hourly", 1, Map.of("pay", Map.of("kind", "hourly", "amount", "18.00")));
        String id = Rating.leaseId("hana", slug);
        clock.advance(Duration.ofSeconds(120));
        Rating.submit("hana", id, pickA()).then().statusCode(201);
        assertThat((BigDecimal) Sql.value("select amount from pay_entry where ref = ?", id))
                .isEqualByComparingTo("0.60");
    }

    @Test
    void anExpiredLeaseIsPaidOnlyWhenTheRaterWasActiveOnIt() {
        MovableClock clock = MovableClock.install();
        String slug = Rating.campaignWithComparisons("expiry-pay", 2, Map.of("lease_seconds", 60));
        String idle = Rating.leaseId("ivo", slug);
        clock.advance(Duration.ofSeconds(61));
        String active = Rating.leaseId("ivo", slug); // releases the overdue lease
        clock.advance(Duration.ofSeconds(30));
        Rating.get("ivo", active).then().statusCode(200);
        clock.advance(Duration.ofSeconds(31));
        Rating.lease("ivo", slug).then().statusCode(204); // releases the second one
        assertThat(Sql.value("select count(*) from pay_entry where ref = ?", idle))
                .isEqualTo(0L);
        assertThat(Sql.value("select paid_ms from pay_entry where ref = ?", active))
                .isEqualTo(60_000L);
    }
}
