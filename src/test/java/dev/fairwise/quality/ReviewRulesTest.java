package dev.fairwise.quality;

import static dev.fairwise.quality.Reviews.EVIDENCE;
import static dev.fairwise.quality.Reviews.decide;
import static dev.fairwise.quality.Reviews.events;
import static dev.fairwise.quality.Reviews.login;
import static dev.fairwise.quality.Reviews.reply;
import static dev.fairwise.quality.Reviews.reverse;
import static dev.fairwise.quality.Reviews.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rules of a review's life: decided once, reversed only once decided, replied to only by its rater,
 * bad input changes nothing, and raising never piles reviews up on one rater.
 */
@QuarkusTest
class ReviewRulesTest {
    private static final String PROBLEMS = "https://fairwise.dev/problems/";

    @Inject
    Pool pool;

    @Inject
    QualityConfig config;

    private UUID raise(String campaign, String rater, List<String> reasons, String evidence, Instant now) {
        return Reviews.raise(pool, campaign, rater, reasons, evidence, now, config.reviewQuietPeriod());
    }

    @Test
    void decidingTwiceIsA409AndKeepsTheFirstDecision() {
        String rater = login("twice");
        String campaign = Fixtures.activeCampaign("review-twice", Map.of());
        UUID id = raise(campaign, rater, List.of("gold_accuracy"), EVIDENCE, Instant.now());
        decide(id, "no_action", "Within the interval.").then().statusCode(200);

        decide(id, "pause", "Changed my mind.")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "review-decided"));
        Reviews.get(id)
                .then()
                .body("decision", equalTo("no_action"))
                .body("events.action", contains("raised", "decided"));
        assertThat(Sql.value(
                        "select count(*) from rater_campaign where rater = ? and paused_review is not null", rater))
                .isEqualTo(0L);
    }

    @Test
    void onlyADecidedReviewCanBeReversedAndOnlyOnce() {
        String rater = login("reverse");
        String campaign = Fixtures.activeCampaign("review-reverse", Map.of());
        UUID id = raise(campaign, rater, List.of("gold_accuracy"), EVIDENCE, Instant.now());

        reverse(id, Map.of("reason", "Nothing to reverse yet."))
                .then()
                .statusCode(409)
                .body("type", equalTo(PROBLEMS + "review-decided"));
        assertThat(state(id)).isEqualTo("open");
        decide(id, "no_action", "Fine.").then().statusCode(200);
        reverse(id, Map.of("reason", "Wrong rater.")).then().statusCode(200);
        reverse(id, Map.of("reason", "Again.")).then().statusCode(409);
        decide(id, "pause", "After a reversal.").then().statusCode(409);
        reverse(UUID.randomUUID(), Map.of("reason", "Unknown.")).then().statusCode(404);
        decide(UUID.randomUUID(), "no_action", "Unknown.").then().statusCode(404);
        assertThat(events(id)).isEqualTo(3);
    }

    @Test
    void replyingToSomeoneElsesReviewIsA404LikeAnUnknownOneAndWritesNothing() {
        String owner = login("owner");
        String intruder = login("intruder");
        String campaign = Fixtures.activeCampaign("review-bola", Map.of());
        UUID owned = raise(campaign, owner, List.of("fast_judgments"), EVIDENCE, Instant.now());
        UUID unknown = UUID.randomUUID();
        long before = events(owned);

        Map<String, Object> theirs = reply(intruder, owned, Map.of("text", "Not mine, but here goes."))
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .as(Map.class);
        Map<String, Object> none = reply(intruder, unknown, Map.of("text", "Not mine, but here goes."))
                .then()
                .statusCode(404)
                .extract()
                .as(Map.class);
        assertThat(theirs.toString().replace(owned.toString(), "ID"))
                .isEqualTo(none.toString().replace(unknown.toString(), "ID"));
        assertThat(events(owned)).isEqualTo(before);
        Reviews.own(intruder).then().body("total", equalTo(0));
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        String rater = login("bad");
        String campaign = Fixtures.activeCampaign("review-bad", Map.of());
        UUID id = raise(campaign, rater, List.of("gold_accuracy"), EVIDENCE, Instant.now());
        long before = events(id);

        expect400(decide(id, Map.of("decision", "pause")), "reason");
        expect400(decide(id, Map.of("decision", "pause", "reason", "  ")), "reason");
        expect400(decide(id, Map.of("reason", "No decision.")), "decision");
        expect400(decide(id, Map.of("decision", "ban", "reason", "Unknown decision.")), "decision");
        expect400(decide(id, Map.of("decision", "pause", "reason", "x".repeat(2001))), "reason");
        expect400(decide(id, Map.of("decision", "pause", "reason", "nul \u0000 here")), "reason");
        expect400(decide(id, Map.of("decision", "message", "reason", "Guidance missing.")), "message");
        expect400(
                decide(id, Map.of("decision", "message", "reason", "Too long.", "message", "x".repeat(4001))),
                "message");
        expect400(decide(id, Map.of("decision", "pause", "reason", "Extra field.", "severity", "high")), "severity");
        expect400(reply(rater, id, Map.of("text", "")), "text");
        expect400(reply(rater, id, Map.of("text", "x".repeat(4001))), "text");
        expect400(reply(rater, id, Map.of("text", "Hello", "mood", "upset")), "mood");

        assertThat(state(id)).isEqualTo("open");
        assertThat(events(id)).isEqualTo(before);
        assertThat(Sql.value("select count(*) from rater_campaign where rater = ?", rater))
                .isEqualTo(0L);
        decide(id, "no_action", "Now properly.").then().statusCode(200);
        expect400(reverse(id, Map.of()), "reason");
        expect400(reverse(id, Map.of("reason", "x".repeat(2001))), "reason");
        assertThat(state(id)).isEqualTo("decided");
    }

    @Test
    void raisingAgainWhileOpenAddsToTheOneOpenReview() {
        String rater = login("again");
        String campaign = Fixtures.activeCampaign("review-again", Map.of());
        Instant now = Instant.now();
        UUID first = raise(campaign, rater, List.of("gold_accuracy"), EVIDENCE, now);
        UUID again = raise(
                campaign,
                rater,
                List.of("fast_judgments", "gold_accuracy"),
                "{\"median_ms\": 1800}",
                now.plusSeconds(60));

        assertThat(again).isEqualTo(first);
        Reviews.list(campaign, null)
                .then()
                .body("total", equalTo(1))
                .body("items[0].reasons", contains("fast_judgments", "gold_accuracy"))
                .body("items[0].evidence.median_ms", equalTo(1800))
                .body("items[0].events.action", contains("raised"));
    }

    @Test
    void raisesAtTheSameMomentMakeOneReview() {
        String rater = login("race");
        String campaign = Fixtures.activeCampaign("review-race", Map.of());
        long campaignId = Reviews.campaignId(campaign);
        Instant now = Instant.now();
        List<Uni<UUID>> raises = new ArrayList<>();
        List<String> reasons = List.of("gold_accuracy", "consensus_agreement", "fast_judgments");
        for (int i = 0; i < 12; i++) {
            raises.add(ReviewStore.raise(
                    pool, campaignId, rater, List.of(reasons.get(i % 3)), EVIDENCE, now, config.reviewQuietPeriod()));
        }
        List<UUID> ids = Uni.join().all(raises).andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(Set.copyOf(ids)).hasSize(1);
        Reviews.list(campaign, null)
                .then()
                .body("total", equalTo(1))
                .body("items[0].reasons", contains("consensus_agreement", "fast_judgments", "gold_accuracy"))
                .body("items[0].events.action", contains("raised"));
    }

    @Test
    void withinTheQuietPeriodAfterADecisionNothingNewIsRaised() {
        String rater = login("quiet");
        String campaign = Fixtures.activeCampaign("review-quiet", Map.of());
        UUID id = raise(campaign, rater, List.of("gold_accuracy"), EVIDENCE, Instant.now());
        decide(id, Map.of("decision", "message", "reason", "Below threshold.", "message", "See the gold notes."))
                .then()
                .statusCode(200);
        Instant decided = Instant.now();

        assertThat(raise(campaign, rater, List.of("fast_judgments"), EVIDENCE, decided.plus(Duration.ofDays(6))))
                .isNull();
        Reviews.list(campaign, null).then().body("total", equalTo(1));
        // the quiet period is one campaign's: elsewhere the rater is reviewed as usual
        String other = Fixtures.activeCampaign("review-quiet-other", Map.of());
        assertThat(raise(other, rater, List.of("fast_judgments"), EVIDENCE, decided))
                .isNotNull();

        UUID later = raise(campaign, rater, List.of("fast_judgments"), EVIDENCE, decided.plus(Duration.ofDays(8)));
        assertThat(later).isNotNull().isNotEqualTo(id);
        Reviews.list(campaign, "open").then().body("items.id", contains(later.toString()));
    }

    @Test
    void raisingRefusesUnknownReasonsAndEvidenceThatIsNotAJsonObject() {
        String campaign = Fixtures.activeCampaign("review-refuse", Map.of());
        String rater = login("refused");
        assertThatThrownBy(() -> raise(campaign, rater, List.of("slow"), EVIDENCE, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> raise(campaign, rater, List.of(), EVIDENCE, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> raise(campaign, rater, List.of("gold_accuracy"), "[1, 2]", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Sql.value("select count(*) from review where rater = ?", rater))
                .isEqualTo(0L);
    }

    private static void expect400(io.restassured.response.Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
