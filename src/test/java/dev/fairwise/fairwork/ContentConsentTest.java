package dev.fairwise.fairwork;

import static dev.fairwise.support.FairWork.optIn;
import static dev.fairwise.support.FairWork.pickA;
import static dev.fairwise.support.FairWork.reveal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.fairwise.support.Completions;
import dev.fairwise.support.FairWork;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Raters are only given sensitive content they opted in to, are warned before they see it, and see no more
 * of it per day than the cap ({@code hate} is capped at 2 in the test profile).
 */
@QuarkusTest
class ContentConsentTest {

    @Test
    void aRaterWhoHasNotOptedInIsNeverLeasedASensitiveItem() {
        String campaign =
                FairWork.taggedCampaign("consent", Map.of(), List.of(List.of("violence"), List.of("profanity")));
        String id = Rating.lease("nora", campaign)
                .then()
                .statusCode(201)
                .body("content_tags", contains("profanity"))
                .body("warning", nullValue())
                .extract()
                .path("id");
        Rating.submit("nora", id, pickA()).then().statusCode(201);
        Rating.lease("nora", campaign).then().statusCode(204);
    }

    @Test
    void anItemCarriesOnlyTheTagsOfTheTwoCompletionsItCompares() {
        String campaign = Fixtures.activeCampaign("pair-tags", Map.of());
        String prompt = campaign + "-p";
        Map<String, Object> tagged = new HashMap<>(Completions.record(campaign, prompt, prompt + "-x", "model-x"));
        tagged.put("content_tags", List.of("violence"));
        FairWork.ingest(List.of(
                tagged,
                Completions.record(campaign, prompt, prompt + "-y", "model-y"),
                Completions.record(campaign, prompt, prompt + "-z", "model-z")));
        // three comparisons; two include x; only y-z may go to a rater who has not opted in
        String id = Rating.lease("otto", campaign)
                .then()
                .statusCode(201)
                .body("content_tags", empty())
                .extract()
                .path("id");
        Rating.submit("otto", id, pickA()).then().statusCode(201);
        Rating.lease("otto", campaign).then().statusCode(204);
        assertThat(Sql.value(
                        "select count(*) from comparison c join campaign k on k.id = c.campaign_id"
                                + " where k.slug = ? and c.content_tags = '{violence}'",
                        campaign))
                .isEqualTo(2L);
    }

    @Test
    void anOptedInRaterIsWarnedAndSeesTheTextsOnlyAfterRevealing() {
        String campaign = FairWork.taggedCampaign("warned", Map.of(), List.of(List.of("violence")));
        optIn("vera", "UTC", "violence");
        String id = Rating.lease("vera", campaign)
                .then()
                .statusCode(201)
                .body("warning.categories", contains("violence"))
                .body("warning.revealed", equalTo(false))
                .body("warning.message", notNullValue())
                .body("prompt", nullValue())
                .body("responses", nullValue())
                .extract()
                .path("id");
        Rating.get("vera", id).then().statusCode(200).body("responses", nullValue());
        Rating.submit("vera", id, pickA())
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/reveal-required"));
        reveal("vera", id)
                .then()
                .statusCode(200)
                .body("warning.revealed", equalTo(true))
                .body("responses.a", notNullValue())
                .body("prompt", notNullValue());
        Rating.submit("vera", id, pickA()).then().statusCode(201);
    }

    @Test
    void revealingIsActivity() {
        MovableClock clock = MovableClock.install();
        String campaign = FairWork.taggedCampaign("reveal-time", Map.of(), List.of(List.of("violence")));
        optIn("rita", "UTC", "violence");
        String id = Rating.leaseId("rita", campaign);
        clock.advance(Duration.ofMinutes(4));
        reveal("rita", id).then().statusCode(200);
        clock.advance(Duration.ofMinutes(4));
        // without the reveal the gap would count only the 5-minute idle cut-off
        Rating.submit("rita", id, pickA()).then().statusCode(201).body("active_ms", equalTo(8 * 60_000));
    }

    @Test
    void theDailyCapStopsSensitiveItemsUntilTheRatersNextDayInTheirTimeZone() {
        MovableClock clock = MovableClock.install();
        String zone = "Pacific/Auckland";
        List<List<String>> tags = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tags.add(List.of("hate"));
        }
        String campaign = FairWork.taggedCampaign("cap", Map.of(), tags);
        optIn("cato", zone, "hate");
        for (int i = 0; i < 2; i++) {
            String id = Rating.leaseId("cato", campaign);
            reveal("cato", id).then().statusCode(200);
            Rating.submit("cato", id, pickA()).then().statusCode(201);
        }
        Rating.lease("cato", campaign).then().statusCode(204);
        FairWork.me("cato")
                .then()
                .statusCode(200)
                .body("exposure.find { it.category == 'hate' }.items", equalTo(2))
                .body("exposure.find { it.category == 'hate' }.cap_reached", equalTo(true));
        ZoneId auckland = ZoneId.of(zone);
        var nextMidnight = LocalDate.ofInstant(clock.instant(), auckland)
                .plusDays(1)
                .atStartOfDay(auckland)
                .toInstant();
        clock.advance(Duration.between(clock.instant(), nextMidnight).minusMinutes(1));
        Rating.lease("cato", campaign).then().statusCode(204);
        clock.advance(Duration.ofMinutes(2));
        Rating.lease("cato", campaign).then().statusCode(201).body("warning.categories", contains("hate"));
    }

    @Test
    void aDistressingSkipCountsTowardTheCapAndIsPaidTime() {
        String campaign = FairWork.taggedCampaign(
                "distress", Map.of(), List.of(List.of("hate"), List.of("hate"), List.of("hate")));
        optIn("dora", "UTC", "hate");
        String skipped = Rating.leaseId("dora", campaign);
        Rating.skip("dora", skipped, Map.of("reason", "distressing")).then().statusCode(200);
        String judged = Rating.leaseId("dora", campaign);
        reveal("dora", judged).then().statusCode(200);
        Rating.submit("dora", judged, pickA()).then().statusCode(201);
        Rating.lease("dora", campaign).then().statusCode(204);
        assertThat(Sql.value("select kind from pay_entry where ref = ?", skipped))
                .isEqualTo("skip");
    }

    @Test
    void skippingNeverCostsARaterAccess() {
        String campaign = Rating.campaignWithComparisons("skips-free", 3, Map.of());
        for (int i = 0; i < 2; i++) {
            String id = Rating.leaseId("sami", campaign);
            Rating.skip("sami", id, Map.of("reason", "cannot_judge")).then().statusCode(200);
        }
        String id = Rating.leaseId("sami", campaign);
        Rating.submit("sami", id, pickA()).then().statusCode(201);
        FairWork.me("sami")
                .then()
                .statusCode(200)
                .body("today.skips", equalTo(2))
                .body("today.judgments", equalTo(1));
    }

    @Test
    void preferencesStartOptedOutAndRefuseWhatIsNotASensitiveCategoryOrATimeZone() {
        given().auth()
                .oauth2(Tokens.rater("pia"))
                .get("/api/v1/me/preferences")
                .then()
                .statusCode(200)
                .body("sensitive_categories.opted_in", not(hasItem(true)))
                .body("sensitive_categories.category", hasItem("self_harm"))
                .body("time_zone", equalTo("UTC"))
                .body("credit.credited", equalTo(false));
        FairWork.putPreferences("pia", Map.of("sensitive_opt_in", List.of("violence", "kittens")))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sensitive_opt_in[1]"));
        FairWork.putPreferences("pia", Map.of("sensitive_opt_in", List.of(), "time_zone", "Mars/Olympus"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("time_zone"));
        given().auth()
                .oauth2(Tokens.rater("pia"))
                .get("/api/v1/me/preferences")
                .then()
                .body("sensitive_categories.opted_in", not(hasItem(true)));
        FairWork.putPreferences(
                        "pia",
                        Map.of(
                                "sensitive_opt_in",
                                List.of("medical"),
                                "time_zone",
                                "Europe/Berlin",
                                "credit_name",
                                "Pia K."))
                .then()
                .statusCode(200)
                .body("sensitive_categories.find { it.category == 'medical' }.opted_in", equalTo(true))
                .body("time_zone", equalTo("Europe/Berlin"))
                .body("credit.display_name", equalTo("Pia K."));
    }
}
