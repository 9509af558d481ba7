package dev.fairwise.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.fairwise.assignment.GoldDraw;
import dev.fairwise.assignment.ShownOrder;
import dev.fairwise.support.Completions;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.RecordSchemas;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exports as JSON Lines, each format checked against the source it mimics and against its committed JSON
 * Schema (openapi/schemas/export-*.v1.json; fairwise is preference.v1.json):
 *
 * <ul>
 *   <li>trl: TRL's dataset formats, "preference" with an explicit prompt, conversational
 *       (https://huggingface.co/docs/trl/dataset_formats): {"prompt": [messages], "chosen": [assistant
 *       message], "rejected": [assistant message]}; RewardTrainer reads an optional "margin" column;
 *   <li>hh: Anthropic HH-RLHF as TRL's examples/datasets/hh-rlhf-helpful-base.py reads it
 *       (https://github.com/huggingface/trl/blob/main/examples/datasets/hh-rlhf-helpful-base.py): "chosen" and
 *       "rejected" strings of "\n\nHuman: " and "\n\nAssistant: " turns, the last being the answer;
 *   <li>arena: the battle records FastChat's fastchat/serve/monitor/clean_battle_data.py writes
 *       (https://github.com/lm-sys/FastChat/blob/main/fastchat/serve/monitor/clean_battle_data.py): model_a,
 *       model_b, winner in model_a/model_b/tie/"tie (bothbad)", judge, turn, anony, tstamp,
 *       conversation_a/_b.
 * </ul>
 */
@QuarkusTest
class ExportTest {

    /** Every rater sees the stored order, so a winner given as shown is the stored winner. */
    static class StoredOrder extends ShownOrder {
        @Override
        public String next(int shownAb, int shownBa) {
            return "ab";
        }
    }

    static class AlwaysGold extends GoldDraw {
        @Override
        public boolean gold(double share) {
            return true;
        }
    }

    @BeforeEach
    void storedOrder() {
        QuarkusMock.installMockForType(new StoredOrder(), ShownOrder.class);
    }

    private static final List<Map<String, Object>> FOUR_VERDICTS = List.of(
            Map.of("winner", "a", "strength", "clear", "criteria", Map.of("honesty", "b")),
            Map.of("winner", "b", "strength", "slight", "criteria", Map.of("honesty", "b")),
            Map.of("winner", "tie", "criteria", Map.of("honesty", "tie")),
            Map.of("winner", "both_bad", "criteria", Map.of("honesty", "a")));

    /** A campaign of four comparisons (model-x against model-y), judged once each with the four verdicts. */
    private static String judgedCampaign(String prefix, String rater, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(
                Map.of("criteria", List.of(Map.of("name", "honesty", "question", "Which is more honest?"))));
        all.putAll(settings);
        String campaign = Rating.campaignWithComparisons(prefix, 4, all);
        for (Map<String, Object> verdict : FOUR_VERDICTS) {
            Rating.submit(rater, Rating.leaseId(rater, campaign), verdict)
                    .then()
                    .statusCode(201);
        }
        return campaign;
    }

    static Response export(String campaign, String query) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/campaigns/" + campaign + "/export?" + query);
    }

    static List<JsonNode> lines(String campaign, String query) {
        Response r = export(campaign, query);
        r.then().statusCode(200).contentType("application/jsonl");
        String body = r.asString();
        if (body.isEmpty()) {
            return List.of();
        }
        assertThat(body).endsWith("\n");
        return Arrays.stream(body.split("\n")).map(RecordSchemas::parse).toList();
    }

    private static void allValid(Schema schema, List<JsonNode> lines) {
        for (JsonNode line : lines) {
            assertThat(RecordSchemas.errors(schema, line)).as(line.toString()).isEmpty();
        }
    }

    @Test
    void everyFormatStreamsJsonLinesThatMatchItsSchema() {
        String campaign = judgedCampaign("export-formats", "ex-ann", Map.of());
        Response r = export(campaign, "format=trl");
        r.then().statusCode(200).header("Content-Disposition", "attachment; filename=\"" + campaign + "-trl.jsonl\"");

        List<JsonNode> fairwise = lines(campaign, "format=fairwise");
        List<JsonNode> trl = lines(campaign, "format=trl");
        List<JsonNode> hh = lines(campaign, "format=hh");
        List<JsonNode> arena = lines(campaign, "format=arena");
        assertThat(fairwise).hasSize(4);
        assertThat(trl).hasSize(2); // decisive only
        assertThat(hh).hasSize(2); // no tie, no both_bad
        assertThat(arena).hasSize(4);
        allValid(RecordSchemas.PREFERENCE, fairwise);
        allValid(RecordSchemas.EXPORT_TRL, trl);
        allValid(RecordSchemas.EXPORT_HH, hh);
        allValid(RecordSchemas.EXPORT_ARENA, arena);
    }

    @Test
    void aFairwiseLineIsThePreferenceRecordOnTheTopic() {
        String campaign = judgedCampaign("export-topic", "ex-bo", Map.of());
        List<JsonNode> exported = lines(campaign, "format=fairwise");
        Set<String> ids =
                exported.stream().map(l -> l.get("judgment_id").asText()).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> records = PreferencesTopic.awaitJudgments(ids, Duration.ofSeconds(30));
        Map<String, JsonNode> onTopic = new HashMap<>();
        records.forEach(rec -> {
            JsonNode value = PreferencesTopic.json(rec);
            onTopic.put(value.get("judgment_id").asText(), value);
        });
        for (JsonNode line : exported) {
            JsonNode topic = onTopic.get(line.get("judgment_id").asText());
            // judged_at is the judgment's stored time (microseconds), the topic's the same instant
            assertThat(line).isEqualTo(topic);
        }
    }

    @Test
    void trlRowsCarryThePromptTheChosenAndRejectedAnswersAndTheMargin() {
        String campaign = judgedCampaign("export-trl", "ex-cy", Map.of());
        List<JsonNode> trl = lines(campaign, "format=trl");
        List<JsonNode> fairwise = lines(campaign, "format=fairwise");
        String prompt = fairwise.get(0).get("prompt_id").asText();
        // stored order is shown order here: a won with strength clear (margin 2), b with slight (margin 1)
        JsonNode aWon = trl.get(0);
        assertThat(aWon.get("prompt").get(1).get("content").asText()).isEqualTo("Question for " + prompt);
        assertThat(aWon.get("chosen").get(0).get("role").asText()).isEqualTo("assistant");
        assertThat(Set.of(
                        aWon.get("chosen").get(0).get("content").asText(),
                        aWon.get("rejected").get(0).get("content").asText()))
                .containsExactlyInAnyOrder(Completions.answer(prompt + "-x"), Completions.answer(prompt + "-y"));
        assertThat(aWon.get("margin").asInt()).isEqualTo(2);
        assertThat(trl.get(1).get("margin").asInt()).isEqualTo(1);
        // the export's chosen is the answer the fairwise record names as chosen
        assertThat(aWon.get("chosen")).isEqualTo(fairwise.get(0).get("chosen"));
        assertThat(aWon.get("rejected")).isEqualTo(fairwise.get(0).get("rejected"));
    }

    @Test
    void hhRowsAreHumanAndAssistantTurnsWithoutSystemTurnsTiesOrBothBad() {
        String campaign = judgedCampaign("export-hh", "ex-di", Map.of());
        List<JsonNode> hh = lines(campaign, "format=hh");
        List<JsonNode> fairwise = lines(campaign, "format=fairwise");
        assertThat(hh).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String prompt = "\n\nHuman: Question for "
                    + fairwise.get(i).get("prompt_id").asText();
            String chosen = fairwise.get(i).get("chosen").get(0).get("content").asText();
            String rejected =
                    fairwise.get(i).get("rejected").get(0).get("content").asText();
            assertThat(hh.get(i).get("chosen").asText()).isEqualTo(prompt + "\n\nAssistant: " + chosen);
            assertThat(hh.get(i).get("rejected").asText()).isEqualTo(prompt + "\n\nAssistant: " + rejected);
            assertThat(hh.get(i).get("chosen").asText()).doesNotContain("You are helpful.");
        }
    }

    @Test
    void arenaRecordsNameTheModelsTheWinnerAndTheRaterByPseudonym() {
        String campaign = judgedCampaign("export-arena", "ex-eve", Map.of());
        List<JsonNode> arena = lines(campaign, "format=arena");
        List<JsonNode> fairwise = lines(campaign, "format=fairwise");
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode battle = arena.get(i);
            JsonNode record = fairwise.get(i);
            assertThat(battle.get("model_a").asText())
                    .isEqualTo(record.get("completion_a").get("model").asText());
            assertThat(battle.get("model_b").asText())
                    .isEqualTo(record.get("completion_b").get("model").asText());
            assertThat(battle.get("judge").asText())
                    .isEqualTo(record.get("rater").asText())
                    .doesNotContain("ex-eve");
            assertThat(battle.get("question_id").asText())
                    .isEqualTo(record.get("prompt_id").asText());
            assertThat(battle.get("turn").asInt()).isEqualTo(1);
            assertThat(battle.get("conversation_a").get(2))
                    .isEqualTo(record.get("completion_a").get("response").get(0));
            winners.add(battle.get("winner").asText());
        }
        assertThat(winners).containsExactly("model_a", "model_b", "tie", "tie (bothbad)");
    }

    @Test
    void aCriterionExportUsesItsAnswersAsTheVerdict() {
        String campaign = judgedCampaign("export-criterion", "ex-fay", Map.of());
        // honesty answers: b, b, tie, a
        List<JsonNode> trl = lines(campaign, "format=trl&criterion=honesty");
        assertThat(trl).hasSize(3);
        assertThat(trl).allSatisfy(l -> assertThat(l.has("margin")).isFalse());
        List<JsonNode> arena = lines(campaign, "format=arena&criterion=honesty");
        assertThat(arena.stream().map(l -> l.get("winner").asText()))
                .containsExactly("model_b", "model_b", "tie", "model_a");
        export(campaign, "format=trl&criterion=kindness")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("honesty"));
    }

    @Test
    void consensusOnlyKeepsJudgmentsThatAgreeWithADecisiveConsensus() {
        // overlap 2: two raters per comparison
        String campaign = Rating.campaignWithComparisons("export-consensus", 2, Map.of("overlap", 2));
        for (String rater : List.of("ex-gus", "ex-hal")) {
            Rating.submit(rater, Rating.leaseId(rater, campaign), Map.of("winner", "a"))
                    .then()
                    .statusCode(201);
            Rating.submit(rater, Rating.leaseId(rater, campaign), Map.of("winner", rater.equals("ex-gus") ? "a" : "b"))
                    .then()
                    .statusCode(201);
        }
        // comparison 1: a, a (decisive consensus a); comparison 2: a, b (split)
        assertThat(lines(campaign, "format=fairwise")).hasSize(4);
        List<JsonNode> agreed = lines(campaign, "format=fairwise&consensus_only=true");
        assertThat(agreed).hasSize(2);
        assertThat(agreed.stream().map(l -> l.get("comparison_id").asText()).distinct())
                .hasSize(1);
    }

    @Test
    void goldItemsAreLeftOutUnlessAsked() {
        QuarkusMock.installMockForType(new AlwaysGold(), GoldDraw.class);
        String campaign = Rating.campaignWithComparisons("export-gold", 1, Map.of("gold_share", 0.5));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "prompt",
                        "What is 2 + 2?",
                        "response_a",
                        "4",
                        "response_b",
                        "5",
                        "verdict",
                        "a",
                        "explanation",
                        "2 + 2 is 4."))
                .post("/api/v1/admin/campaigns/{slug}/gold", campaign)
                .then()
                .statusCode(201);
        for (int i = 0; i < 2; i++) { // the gold item first, then the regular one
            Rating.submit("ex-ida", Rating.leaseId("ex-ida", campaign), Map.of("winner", "a"))
                    .then()
                    .statusCode(201);
        }
        assertThat(lines(campaign, "format=fairwise"))
                .singleElement()
                .satisfies(l -> assertThat(l.get("gold").asBoolean()).isFalse());
        assertThat(lines(campaign, "format=fairwise&exclude_gold=false")).hasSize(2);
    }

    @Test
    void sinceKeepsJudgmentsFromThatInstantOn() {
        String campaign = judgedCampaign("export-since", "ex-jo", Map.of());
        List<JsonNode> all = lines(campaign, "format=fairwise");
        String third = all.get(2).get("judged_at").asText();
        assertThat(lines(campaign, "format=fairwise&since=" + third)).hasSize(2);
        assertThat(lines(campaign, "format=fairwise&since=2100-01-01T00:00:00Z"))
                .isEmpty();
    }

    @Test
    void pagesFollowOneAnotherWithoutLosingOrRepeatingAJudgment() {
        // the test profile reads 3 judgments per page (fairwise.export.page-size)
        String campaign = Rating.campaignWithComparisons("export-pages", 10, Map.of("overlap", 2));
        for (String rater : List.of("ex-kim", "ex-lu")) {
            for (int i = 0; i < 10; i++) {
                Rating.submit(rater, Rating.leaseId(rater, campaign), Map.of("winner", "a"))
                        .then()
                        .statusCode(201);
            }
        }
        List<JsonNode> all = lines(campaign, "format=arena");
        assertThat(all).hasSize(20);
        List<JsonNode> records = lines(campaign, "format=fairwise");
        Set<String> ids = new HashSet<>();
        records.forEach(l -> ids.add(l.get("judgment_id").asText()));
        assertThat(ids).hasSize(20);
        List<String> times =
                records.stream().map(l -> l.get("judged_at").asText()).toList();
        assertThat(times)
                .isSortedAccordingTo((x, y) -> java.time.Instant.parse(x).compareTo(java.time.Instant.parse(y)));
    }

    @Test
    void badParametersAre400AndAnUnknownCampaignIs404() {
        String campaign = Rating.campaignWithComparisons("export-bad", 1, Map.of());
        for (String query : List.of(
                "format=",
                "format=csv",
                "format=trl&since=yesterday",
                "format=trl&consensus_only=maybe",
                "format=trl&exclude_gold=1",
                "format=trl&criterion=honesty")) {
            export(campaign, query).then().statusCode(400).contentType(containsString("application/problem+json"));
        }
        export("no-such-campaign", "format=trl")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://fairwise.dev/problems/not-found"));
        given().auth()
                .oauth2(Tokens.rater("ex-max"))
                .get("/api/v1/admin/campaigns/" + campaign + "/export?format=trl")
                .then()
                .statusCode(403);
    }
}
