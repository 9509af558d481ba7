package dev.fairwise.fairwork;

import static dev.fairwise.support.FairWork.pickA;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.fairwise.support.FairWork;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "done when", as a new rater and an admin would try it through the API alone: the pay estimate
 * before starting, no sensitive item without consent, a warning before one with consent, a break, a statement
 * at or above the floor, a flag and its answer, and the transparency report.
 */
@QuarkusTest
class RaterJourneyTest {

    @Test
    void aNewRaterIsTreatedFairlyFromEstimateToStatement() {
        MovableClock clock = MovableClock.install();
        // all of the journey in one pay week
        var monday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atTime(1, 0)
                .toInstant(ZoneOffset.UTC);
        clock.advance(Duration.between(clock.instant(), monday));
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("self_harm"));
        for (int i = 0; i < 9; i++) { // exactly the 9 items judged before opting in
            tags.add(List.of());
        }
        // 0.10 per judgment at a stated 20 s: 18.00 per hour, above the floor of 15.00
        String campaign = FairWork.taggedCampaign(
                "journey",
                Map.of(
                        "lease_seconds",
                        3600,
                        "pay",
                        Map.of("kind", "per_judgment", "amount", "0.10", "estimated_seconds_per_judgment", 20)),
                tags);
        String rater = "june";
        String mine = "find { it.slug == '" + campaign + "' }";
        given().auth()
                .oauth2(Tokens.rater(rater))
                .get("/api/v1/campaigns")
                .then()
                .body(mine + ".estimate.hourly_pay", equalTo("18.00"))
                .body(mine + ".estimate.meets_floor", equalTo(true));

        // the pilot (3 judgments in the test profile) goes as estimated
        for (int i = 0; i < 3; i++) {
            String id = Rating.lease(rater, campaign)
                    .then()
                    .statusCode(201)
                    .body("content_tags", empty())
                    .extract()
                    .path("id");
            clock.advance(Duration.ofSeconds(20));
            Rating.submit(rater, id, pickA()).then().statusCode(201);
        }
        // then, without consent: never the self_harm item; each item takes 9 minutes, far slower than estimated
        for (int i = 0; i < 5; i++) {
            String id = Rating.lease(rater, campaign)
                    .then()
                    .statusCode(201)
                    .body("content_tags", empty())
                    .extract()
                    .path("id");
            clock.advance(Duration.ofMinutes(4));
            Rating.renew(rater, id).then().statusCode(200);
            clock.advance(Duration.ofMinutes(5));
            Rating.submit(rater, id, pickA()).then().statusCode(201);
        }
        // 46 minutes in; a flag on the last item, then one more item takes the stretch past 50 minutes
        String flagged = Rating.leaseId(rater, campaign);
        given().auth()
                .oauth2(Tokens.rater(rater))
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "unclear_guideline", "note", "What if both answers are wrong?"))
                .post("/api/v1/assignments/{id}/flags", flagged)
                .then()
                .statusCode(201);
        clock.advance(Duration.ofMinutes(6));
        Rating.submit(rater, flagged, pickA()).then().statusCode(201);
        Rating.lease(rater, campaign).then().statusCode(429).body("type", containsString("break-required"));
        clock.advance(Duration.ofMinutes(10));

        // with consent: a warning first, the texts after revealing
        FairWork.optIn(rater, "UTC", "self_harm");
        String warned = Rating.lease(rater, campaign)
                .then()
                .statusCode(201)
                .body("warning.categories[0]", equalTo("self_harm"))
                .body("responses", nullValue())
                .extract()
                .path("id");
        FairWork.reveal(rater, warned).then().statusCode(200).body("responses.a", notNullValue());
        Rating.skip(rater, warned, Map.of("reason", "distressing")).then().statusCode(200);

        // the statement: per-judgment earnings fall short of the floor, the top-up makes up the difference
        var statement = given().auth()
                .oauth2(Tokens.rater(rater))
                .get("/api/v1/me/statement")
                .then()
                .statusCode(200)
                .extract();
        String effective = statement.path("campaigns[0].effective_hourly_pay");
        assertThat(new BigDecimal(effective)).isGreaterThanOrEqualTo(new BigDecimal("15.00"));
        assertThat(new BigDecimal((String) statement.path("campaigns[0].top_up")))
                .isPositive();

        // the admin answers the flag; the rater reads the answer
        String flag = given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/flags", campaign)
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("answer", "Then pick both_bad."))
                .post("/api/v1/admin/flags/{id}/answer", flag)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.rater(rater))
                .get("/api/v1/me/flags")
                .then()
                .body("items[0].answer", equalTo("Then pick both_bad."));

        // the transparency report names no rater and shows the top-up and the exposure
        String report = given().auth()
                .oauth2(Tokens.admin())
                .accept("text/markdown")
                .get("/api/v1/admin/campaigns/{slug}/transparency", campaign)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(report).contains("self_harm").doesNotContain(rater);
    }
}
