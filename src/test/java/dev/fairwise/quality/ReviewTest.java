package dev.fairwise.quality;

import static dev.fairwise.quality.Reviews.EVIDENCE;
import static dev.fairwise.quality.Reviews.decide;
import static dev.fairwise.quality.Reviews.login;
import static dev.fairwise.quality.Reviews.own;
import static dev.fairwise.quality.Reviews.reply;
import static dev.fairwise.quality.Reviews.reverse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A review is never silent: admins see the evidence and decide with a reason, the rater reads every
 * review and decision with its reasons and replies, a pause stops leasing in one campaign only and leaves
 * earned pay alone, and a reversal undoes it in view of the rater.
 */
@QuarkusTest
class ReviewTest {
    private static final String PROBLEMS = "https://fairwise.dev/problems/";

    @Inject
    Pool pool;

    @Inject
    QualityConfig config;

    @Inject
    Pseudonyms pseudonyms;

    private UUID raise(String campaign, String rater) {
        return Reviews.raise(
                pool, campaign, rater, List.of("gold_accuracy"), EVIDENCE, Instant.now(), config.reviewQuietPeriod());
    }

    @Test
    void aRaisedReviewIsListedForAdminsWithItsEvidenceAndShownToTheRater() {
        String rater = login("seen");
        String campaign = Fixtures.activeCampaign("review-seen", Map.of());
        UUID id = raise(campaign, rater);

        String body = Reviews.list(campaign, null)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id.toString()))
                .body("items[0].campaign", equalTo(campaign))
                .body("items[0].rater", equalTo(pseudonyms.of(rater)))
                .body("items[0].reasons", contains("gold_accuracy"))
                .body("items[0].evidence.gold_accuracy.answered", equalTo(12))
                .body("items[0].evidence.gold_accuracy.interval", hasSize(2))
                .body("items[0].evidence.examples[0].expected", equalTo("b"))
                .body("items[0].state", equalTo("open"))
                .body("items[0].decision", nullValue())
                .body("items[0].paused", equalTo(false))
                .body("items[0].events.action", contains("raised"))
                .body("items[0].events[0].actor", equalTo("fairwise"))
                .extract()
                .asString();
        assertThat(body).doesNotContain(rater);
        Reviews.get(id).then().statusCode(200).body("id", equalTo(id.toString()));

        own(rater)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(id.toString()))
                .body("items[0].campaign", equalTo(campaign))
                .body("items[0].reasons", contains("gold_accuracy"))
                .body("items[0].evidence.gold_accuracy.threshold", equalTo(0.6f))
                .body("items[0].state", equalTo("open"))
                .body("items[0].events.actor", contains("fairwise"));
        // another rater sees none of it
        own(login("other")).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aMessageDecisionIsReadByTheRaterWithItsReasonAndTheAdminNamedOnlyAsAdmin() {
        String rater = login("told");
        String campaign = Fixtures.activeCampaign("review-message", Map.of());
        UUID id = raise(campaign, rater);

        decide(
                        id,
                        Map.of(
                                "decision", "message",
                                "reason", "Gold accuracy 0.42 against 0.6 over 12 items.",
                                "message",
                                        "Re-read the section on refusals; a polite refusal can be the helpful answer."))
                .then()
                .statusCode(200)
                .body("state", equalTo("decided"))
                .body("decision", equalTo("message"))
                .body("reason", equalTo("Gold accuracy 0.42 against 0.6 over 12 items."))
                .body("paused", equalTo(false))
                .body("events.action", contains("raised", "decided"))
                .body("events[1].actor", equalTo("admin-1"))
                .body("events[1].decision", equalTo("message"))
                .body("events[1].text", equalTo("Gold accuracy 0.42 against 0.6 over 12 items."))
                .body("events[1].message", containsString("Re-read the section on refusals"));

        String seen = own(rater)
                .then()
                .statusCode(200)
                .body("items[0].state", equalTo("decided"))
                .body("items[0].decision", equalTo("message"))
                .body("items[0].reason", equalTo("Gold accuracy 0.42 against 0.6 over 12 items."))
                .body("items[0].message", containsString("a polite refusal can be the helpful answer"))
                .body("items[0].events.actor", contains("fairwise", "admin"))
                .body("items[0].events[1].message", containsString("Re-read the section on refusals"))
                .extract()
                .asString();
        assertThat(seen).doesNotContain("admin-1");
        // a message changes nothing about work: the rater still leases there
        String rated = Rating.campaignWithComparisons("review-message-work", 1, Map.of());
        UUID there = raise(rated, rater);
        decide(there, Map.of("decision", "message", "reason", "Keep an eye on speed.", "message", "Take your time."))
                .then()
                .statusCode(200);
        Rating.lease(rater, rated).then().statusCode(201);
    }

    @Test
    void aPauseStopsLeasingInThatCampaignOnlyAndLeavesEarnedPayAsItWas() {
        MovableClock clock = MovableClock.install();
        String rater = login("paused");
        String paused = Rating.campaignWithComparisons("review-paused", 3, Map.of());
        String elsewhere = Rating.campaignWithComparisons("review-elsewhere", 1, Map.of());
        String judged = Rating.leaseId(rater, paused);
        clock.advance(Duration.ofSeconds(90));
        Rating.submit(rater, judged, Map.of("winner", "a")).then().statusCode(201);
        String before =
                Reviews.statement(rater).then().statusCode(200).extract().asString();
        assertThat(before).contains("\"paid_ms\":90000");

        UUID id = raise(paused, rater);
        decide(id, "pause", "Half the gold items answered against their known verdict.")
                .then()
                .statusCode(200)
                .body("decision", equalTo("pause"))
                .body("paused", equalTo(true));

        Rating.lease(rater, paused)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "rater-paused"))
                .body("detail", containsString("Half the gold items answered against their known verdict."));
        assertThat(Reviews.statement(rater).then().statusCode(200).extract().asString())
                .isEqualTo(before);
        Rating.lease(rater, elsewhere).then().statusCode(201);
        own(rater).then().body("items[0].paused", equalTo(true)).body("items[0].decision", equalTo("pause"));
    }

    @Test
    void aPauseOfARaterWhoNeverLeasedThereIsKeptAndEnforced() {
        String rater = login("fresh");
        String campaign = Rating.campaignWithComparisons("review-fresh", 1, Map.of());
        UUID id = raise(campaign, rater);
        decide(id, "pause", "Figures from a pilot elsewhere.").then().statusCode(200);

        assertThat(Sql.value(
                        "select paused_review from rater_campaign where campaign_id = ? and rater = ?",
                        Reviews.campaignId(campaign),
                        rater))
                .isEqualTo(id);
        Rating.lease(rater, campaign).then().statusCode(403).body("type", equalTo(PROBLEMS + "rater-paused"));
    }

    @Test
    void theAdminReadsTheRatersReplyAndTheRaterIsNeverNamedByLogin() {
        String rater = login("replier");
        String campaign = Fixtures.activeCampaign("review-reply", Map.of());
        UUID id = raise(campaign, rater);
        decide(id, "no_action", "The gold items in question were ambiguous.")
                .then()
                .statusCode(200);

        reply(rater, id, Map.of("text", "Thank you; items 3 and 7 had two defensible answers."))
                .then()
                .statusCode(201)
                .body("id", equalTo(id.toString()))
                .body("events.action", contains("raised", "decided", "replied"))
                .body("events[2].actor", equalTo("rater"))
                .body("events[2].text", equalTo("Thank you; items 3 and 7 had two defensible answers."));

        String seen = Reviews.get(id)
                .then()
                .statusCode(200)
                .body("events.action", contains("raised", "decided", "replied"))
                .body("events[2].actor", equalTo("rater"))
                .body("events[2].text", equalTo("Thank you; items 3 and 7 had two defensible answers."))
                .extract()
                .asString();
        assertThat(seen).doesNotContain(rater);
        assertThat(Sql.value("select count(*) from review_event where actor = ?", rater))
                .isEqualTo(0L);
    }

    @Test
    void aReversalLiftsThePauseAndTheRaterReadsWhy() {
        String rater = login("reversed");
        String campaign = Rating.campaignWithComparisons("review-reversed", 2, Map.of());
        UUID id = raise(campaign, rater);
        decide(id, "pause", "Judgments in under two seconds.").then().statusCode(200);
        Rating.lease(rater, campaign).then().statusCode(403);
        reply(rater, id, Map.of("text", "Those were items with an empty response b."))
                .then()
                .statusCode(201);

        reverse(id, Map.of("reason", "The fast judgments were on broken items; the rater was right."))
                .then()
                .statusCode(200)
                .body("state", equalTo("reversed"))
                .body("decision", equalTo("pause"))
                .body("paused", equalTo(false))
                .body("events.action", contains("raised", "decided", "replied", "reversed"))
                .body("events[3].actor", equalTo("admin-1"));

        Rating.lease(rater, campaign).then().statusCode(201);
        own(rater)
                .then()
                .body("items[0].state", equalTo("reversed"))
                .body("items[0].paused", equalTo(false))
                .body("items[0].events.actor", contains("fairwise", "admin", "rater", "admin"))
                .body(
                        "items[0].events[3].text",
                        equalTo("The fast judgments were on broken items; the rater was right."));
        Reviews.list(campaign, "reversed").then().body("items[0].id", equalTo(id.toString()));
        Reviews.list(campaign, "decided").then().body("total", equalTo(0));
    }

    @Test
    void reversingOneOfTwoPausesLeavesTheRaterPausedByTheOtherWithItsReason() {
        String rater = login("twopauses");
        String campaign = Rating.campaignWithComparisons("review-two", 1, Map.of());
        UUID first = raise(campaign, rater);
        decide(first, "pause", "First: gold accuracy.").then().statusCode(200);
        // past the quiet period, a second review is raised and paused too
        UUID second = Reviews.raise(
                pool,
                campaign,
                rater,
                List.of("fast_judgments"),
                "{}",
                Instant.now().plus(config.reviewQuietPeriod()).plusSeconds(60),
                config.reviewQuietPeriod());
        assertThat(second).isNotNull().isNotEqualTo(first);
        decide(second, "pause", "Second: fast judgments.").then().statusCode(200);

        reverse(second, Map.of("reason", "Fast judgments were broken items."))
                .then()
                .statusCode(200);
        Rating.lease(rater, campaign).then().statusCode(403).body("detail", containsString("First: gold accuracy."));
        Reviews.get(first).then().body("paused", equalTo(true));

        reverse(first, Map.of("reason", "Gold items were ambiguous.")).then().statusCode(200);
        Rating.lease(rater, campaign).then().statusCode(201);
    }

    @Test
    void theListIsNewestFirstFilteredByStateAndNamesRatersByThisCampaignsPseudonyms() {
        String campaign = Fixtures.activeCampaign("review-list", Map.of());
        Sql.update("update campaign set pseudonyms = 'per_campaign' where slug = ?", campaign);
        String older = login("older");
        String newer = login("newer");
        Instant now = Instant.now();
        UUID first = Reviews.raise(
                pool, campaign, older, List.of("consensus_agreement"), "{}", now, config.reviewQuietPeriod());
        UUID second = Reviews.raise(
                pool, campaign, newer, List.of("fast_judgments"), "{}", now.plusSeconds(1), config.reviewQuietPeriod());
        decide(first, "no_action", "Within the interval.").then().statusCode(200);

        Reviews.list(campaign, "all")
                .then()
                .statusCode(200)
                .body("items.id", contains(second.toString(), first.toString()))
                .body("items[0].rater", equalTo(pseudonyms.of(newer, campaign, true)))
                .body("items[0].rater", not(equalTo(pseudonyms.of(newer))));
        Reviews.list(campaign, "open").then().body("items.id", contains(second.toString()));
        Reviews.list(campaign, "decided").then().body("items.id", contains(first.toString()));
        Reviews.list(campaign, "closed").then().statusCode(400).body("errors[0].field", equalTo("state"));
        Reviews.list("no-such-campaign", null).then().statusCode(404).contentType("application/problem+json");
        Reviews.get(UUID.randomUUID()).then().statusCode(404).body("type", equalTo(PROBLEMS + "not-found"));
    }
}
