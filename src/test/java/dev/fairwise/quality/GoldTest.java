package dev.fairwise.quality;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairwise.assignment.GoldDraw;
import dev.fairwise.assignment.ShownOrder;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gold items: added by an admin, leased through the same path as any other item and indistinguishable in what
 * the rater sees, never twice to one rater, paid, explained after the answer, and marked in the record.
 */
@QuarkusTest
class GoldTest {
    private static final String PROBLEMS = "https://fairwise.dev/problems/";

    @BeforeEach
    void everyLeaseTriesGoldFirst() {
        // the campaign's share decides only whether a lease tries gold; these tests make the draw certain
        QuarkusMock.installMockForType(new AlwaysGold(), GoldDraw.class);
        QuarkusMock.installMockForType(new ConsensusTest.StoredOrder(), ShownOrder.class);
    }

    static Map<String, Object> goldItem(String tag) {
        Map<String, Object> body = new HashMap<>();
        body.put("prompt", "What is 2 + 2? (" + tag + ")");
        body.put("response_a", "4");
        body.put("response_b", "5");
        body.put("verdict", "a");
        body.put("explanation", "2 + 2 is 4.");
        return body;
    }

    static String addGold(String campaign, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/admin/campaigns/{slug}/gold", campaign)
                .then()
                .statusCode(201)
                .body("verdict", equalTo("a"))
                .body("judgments", equalTo(0))
                .extract()
                .path("id");
    }

    @Test
    void aGoldLeaseLooksLikeAnyOtherAndIsExplainedOnlyAfterTheAnswer() {
        String campaign = Rating.campaignWithComparisons("gold-served", 2, Map.of("gold_share", 0.5));
        String gold = addGold(campaign, goldItem(campaign));
        String rater = campaign + "-r";

        JsonPath first =
                Rating.lease(rater, campaign).then().statusCode(201).extract().jsonPath();
        assertThat(first.getString("prompt[0].content")).startsWith("What is 2 + 2?");
        String goldAssignment = first.getString("id");
        assertThat(Sql.value("select comparison_id::text from assignment where id = ?::uuid", goldAssignment))
                .isEqualTo(gold);

        JsonPath judged = Rating.submit(rater, goldAssignment, Map.of("winner", "b"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(judged.getString("gold.verdict")).isEqualTo("a");
        assertThat(judged.getString("gold.explanation")).isEqualTo("2 + 2 is 4.");
        assertThat(judged.getBoolean("gold.agreed")).isFalse();

        // the next lease is a regular item: same fields, nothing that says which was gold
        JsonPath second =
                Rating.lease(rater, campaign).then().statusCode(201).extract().jsonPath();
        assertThat(second.getMap("$").keySet()).isEqualTo(first.getMap("$").keySet());
        assertThat(second.getMap("responses").keySet())
                .isEqualTo(first.getMap("responses").keySet());
        JsonPath regular = Rating.submit(rater, second.getString("id"), Map.of("winner", "a"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(regular.getMap("$")).doesNotContainKey("gold");

        JsonNode record = PreferencesTopic.json(
                PreferencesTopic.awaitJudgments(Set.of(judged.getString("judgment_id")), Duration.ofSeconds(30))
                        .get(0));
        assertThat(record.path("gold").asBoolean()).isTrue();
        assertThat(record.path("comparison_id").asText()).isEqualTo(gold);
    }

    @Test
    void aRaterNeverGetsTheSameGoldItemTwiceWhileOthersStillDo() {
        String campaign = Rating.campaignWithComparisons("gold-once", 3, Map.of("gold_share", 0.5));
        String gold = addGold(campaign, goldItem(campaign));
        String rater = campaign + "-r";
        for (int i = 0; i < 3; i++) {
            String id = Rating.leaseId(rater, campaign);
            Rating.submit(rater, id, Map.of("winner", "a")).then().statusCode(201);
        }
        assertThat(Sql.value(
                        "select count(*) from assignment where rater = ? and comparison_id = ?::uuid", rater, gold))
                .isEqualTo(1L);

        String other = Rating.leaseId(campaign + "-other", campaign);
        assertThat(Sql.value("select comparison_id::text from assignment where id = ?::uuid", other))
                .isEqualTo(gold);
    }

    @Test
    void goldItemsArePaidNeverCompleteAndHaveNoConsensus() {
        String campaign = Rating.campaignWithComparisons("gold-paid", 1, Map.of("gold_share", 0.2));
        String gold = addGold(campaign, goldItem(campaign));
        for (String rater : List.of(campaign + "-x", campaign + "-y")) {
            String id = Rating.leaseId(rater, campaign);
            Rating.submit(rater, id, Map.of("winner", "a")).then().statusCode(201);
            assertThat(Sql.value("select count(*) from pay_entry where kind = 'judgment' and ref = ?", id))
                    .isEqualTo(1L);
        }
        assertThat(Sql.value("select state || ':' || judgments from comparison where id = ?::uuid", gold))
                .isEqualTo("gold:2");
        assertThat(Sql.value("select count(*) from consensus where comparison_id = ?::uuid", gold))
                .isEqualTo(0L);
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/gold", campaign)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].judgments", equalTo(2))
                .body("items[0].agreed", equalTo(2))
                .body("items[0].response_b[0].content", equalTo("5"));
    }

    @Test
    void aCampaignWithoutAGoldShareNeverServesItsGoldItems() {
        String campaign = Rating.campaignWithComparisons("gold-off", 1, Map.of());
        String gold = addGold(campaign, goldItem(campaign));
        String rater = campaign + "-r";
        String id = Rating.leaseId(rater, campaign);
        assertThat(Sql.value("select comparison_id::text from assignment where id = ?::uuid", id))
                .isNotEqualTo(gold);
        Rating.submit(rater, id, Map.of("winner", "a")).then().statusCode(201);
        Rating.lease(rater, campaign).then().statusCode(204);
    }

    @Test
    void aGoldItemThatBreaksACompletionRuleIsRejectedAndNothingIsStored() {
        String campaign = Rating.campaignWithComparisons("gold-bad", 1, Map.of());
        Map<String, Consumer<Map<String, Object>>> bends = Map.of(
                "no verdict", b -> b.remove("verdict"),
                "unknown verdict", b -> b.put("verdict", "c"),
                "blank explanation", b -> b.put("explanation", " "),
                "response by the user", b -> b.put("response_a", List.of(Map.of("role", "user", "content", "4"))),
                "bad tag", b -> b.put("content_tags", List.of("Not A Tag")),
                "unknown field", b -> b.put("model", "x"));
        for (var bend : bends.entrySet()) {
            Map<String, Object> body = goldItem(campaign);
            bend.getValue().accept(body);
            given().auth()
                    .oauth2(Tokens.admin())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/admin/campaigns/{slug}/gold", campaign)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        assertThat(Sql.value(
                        "select count(*) from gold_item g join campaign k on k.id = g.campaign_id where k.slug = ?",
                        campaign))
                .isEqualTo(0L);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(goldItem(campaign))
                .post("/api/v1/admin/campaigns/{slug}/gold", "no-such-campaign")
                .then()
                .statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
    }

    /** Every lease of a campaign with a gold share tries gold first. */
    static class AlwaysGold extends GoldDraw {
        @Override
        public boolean gold(double share) {
            return true;
        }
    }
}
