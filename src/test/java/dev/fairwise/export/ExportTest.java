package dev.fairwise.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.fairwise.assignment.ShownOrder;
import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.support.Completions;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.JudgmentSeed;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.RecordSchemas;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exports of a campaign's judgments as JSON Lines. Every line of every export here is checked against the
 * format's JSON Schema in openapi/schemas/. The formats follow these sources:
 *
 * <ul>
 *   <li>trl: TRL's dataset formats, conversational preference with an explicit prompt,
 *       https://huggingface.co/docs/trl/dataset_formats
 *   <li>hh: TRL's HH-RLHF example script, which turns Anthropic/hh-rlhf's "\n\nHuman: … \n\nAssistant: …"
 *       strings into messages, https://github.com/huggingface/trl/blob/main/examples/datasets/hh-rlhf-helpful-base.py
 *   <li>arena: FastChat's battle cleaning, which writes model_a, model_b, winner (model_a, model_b, tie,
 *       "tie (bothbad)"), judge, conversation_a/b, turn, anony, tstamp and question_id,
 *       https://github.com/lm-sys/FastChat/blob/main/fastchat/serve/monitor/clean_battle_data.py
 * </ul>
 */
@QuarkusTest
class ExportTest {
    private static final String PROBLEMS = "https://fairwise.dev/problems/";

    @Inject
    Pseudonyms pseudonyms;

    @BeforeEach
    void showEveryPairInStoredOrder() {
        // slot a is then completion a, so the verdicts below are the stored ones
        QuarkusMock.installMockForType(new StoredOrder(), ShownOrder.class);
    }

    /** Shows every pair in its stored order. */
    static class StoredOrder extends ShownOrder {
        @Override
        public String next(int shownAb, int shownBa) {
            return "ab";
        }
    }

    /** One planned judgment: the verdict, its strength and the answer on criterion helpfulness. */
    private record Plan(String winner, String strength, String helpfulness) {
        Map<String, Object> body() {
            Map<String, Object> body = new HashMap<>();
            body.put("winner", winner);
            if (strength != null) {
                body.put("strength", strength);
            }
            body.put("criteria", Map.of("helpfulness", helpfulness));
            return body;
        }
    }

    /** Five judgments, one per prompt: a (strong), b (slight), b (no strength), tie, both_bad. */
    private static final List<Plan> PLANS = List.of(
            new Plan("a", "strong", "b"),
            new Plan("b", "slight", "b"),
            new Plan("b", null, "tie"),
            new Plan("tie", null, "a"),
            new Plan("both_bad", null, "a"));

    /**
     * A campaign (per-campaign pseudonyms, criterion helpfulness) of five prompts judged by one rater as
     * {@link #PLANS}, in that order.
     *
     * @param plans prompt id to its plan
     * @param judgments prompt id to its judgment id
     */
    private record Judged(String campaign, String rater, Map<String, Plan> plans, Map<String, String> judgments) {}

    private static Judged judged(String prefix) {
        String campaign = Rating.campaignWithComparisons(
                prefix,
                PLANS.size(),
                Map.of(
                        "pseudonyms",
                        "per_campaign",
                        "criteria",
                        List.of(Map.of("name", "helpfulness", "question", "Which is more helpful?"))));
        String rater = campaign + "-rater";
        Map<String, Plan> plans = new LinkedHashMap<>();
        Map<String, String> judgments = new LinkedHashMap<>();
        for (Plan plan : PLANS) {
            Response lease = Rating.lease(rater, campaign)
                    .then()
                    .statusCode(201)
                    .extract()
                    .response();
            String promptId = promptId(lease.jsonPath().getString("prompt[-1].content"));
            String judgment = Rating.submit(rater, lease.path("id"), plan.body())
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("judgment_id");
            plans.put(promptId, plan);
            judgments.put(promptId, judgment);
        }
        return new Judged(campaign, rater, plans, judgments);
    }

    /** The prompt id in a prompt made by Completions#record ("Question for <prompt id>"). */
    private static String promptId(String userTurn) {
        return userTurn.substring("Question for ".length());
    }

    private static Response export(String campaign, Map<String, ?> params) {
        return given().auth()
                .oauth2(Tokens.admin())
                .queryParams(params)
                .get("/api/v1/admin/campaigns/{slug}/export", campaign);
    }

    /**
     * An export whose body is empty (no judgment matches), which is a valid JSON Lines file. The contract's
     * validator cannot tell an empty body of a content type from a missing one, so these calls skip it.
     */
    private static Response emptyExport(String campaign, Map<String, ?> params) {
        return given().noFilters()
                .header("Authorization", "Bearer " + Tokens.admin())
                .queryParams(params)
                .get("/api/v1/admin/campaigns/{slug}/export", campaign);
    }

    /** The lines of a 200 export, each parsed and checked against {@code schema}. */
    private static List<JsonNode> lines(String campaign, Schema schema, Map<String, ?> params) {
        String body = export(campaign, params)
                .then()
                .statusCode(200)
                .contentType("application/jsonl")
                .extract()
                .asString();
        List<JsonNode> lines = new ArrayList<>();
        if (body.isEmpty()) {
            return lines;
        }
        assertThat(body).endsWith("\n");
        for (String line : body.substring(0, body.length() - 1).split("\n", -1)) {
            JsonNode node = RecordSchemas.parse(line);
            assertThat(RecordSchemas.errors(schema, node)).as(line).isEmpty();
            lines.add(node);
        }
        return lines;
    }

    private static String x(String promptId) {
        return Completions.answer(promptId + "-x");
    }

    private static String y(String promptId) {
        return Completions.answer(promptId + "-y");
    }

    @Test
    void fairwiseLinesAreExactlyThePreferenceRecordsOnTheTopicOldestFirst() {
        Judged judged = judged("export-fw");

        List<JsonNode> lines = lines(judged.campaign(), RecordSchemas.PREFERENCE, Map.of());

        List<ConsumerRecord<String, byte[]>> records =
                PreferencesTopic.awaitJudgments(new HashSet<>(judged.judgments().values()), Duration.ofSeconds(30));
        Map<String, JsonNode> onTopic = records.stream()
                .map(PreferencesTopic::json)
                .collect(Collectors.toMap(r -> r.path("judgment_id").asText(), r -> r, (a, b) -> a));
        assertThat(lines)
                .extracting(l -> l.path("judgment_id").asText())
                .containsExactlyElementsOf(judged.judgments().values());
        for (JsonNode line : lines) {
            assertThat(line).isEqualTo(onTopic.get(line.path("judgment_id").asText()));
        }
    }

    @Test
    void trlHasOnlyDecisiveJudgmentsWithPromptChosenRejectedAndMarginFromStrength() {
        Judged judged = judged("export-trl");

        List<JsonNode> lines = lines(judged.campaign(), RecordSchemas.EXPORT_TRL, Map.of("format", "trl"));

        assertThat(lines).hasSize(3);
        List<String> decisive = new ArrayList<>(judged.plans().keySet()).subList(0, 3);
        for (int i = 0; i < 3; i++) {
            String promptId = decisive.get(i);
            JsonNode line = lines.get(i);
            Plan plan = judged.plans().get(promptId);
            assertThat(line.path("prompt").toString())
                    .isEqualTo("[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
                            + "{\"role\":\"user\",\"content\":\"Question for " + promptId + "\"}]");
            String chosen = plan.winner().equals("a") ? x(promptId) : y(promptId);
            String rejected = plan.winner().equals("a") ? y(promptId) : x(promptId);
            assertThat(line.path("chosen").toString())
                    .isEqualTo("[{\"role\":\"assistant\",\"content\":\"" + chosen + "\"}]");
            assertThat(line.path("rejected").toString())
                    .isEqualTo("[{\"role\":\"assistant\",\"content\":\"" + rejected + "\"}]");
        }
        assertThat(lines.get(0).path("margin").asInt()).as("strong").isEqualTo(3);
        assertThat(lines.get(1).path("margin").asInt()).as("slight").isEqualTo(1);
        assertThat(lines.get(2).has("margin")).as("no strength given").isFalse();
    }

    @Test
    void hhRendersHumanAndAssistantTurnsAsOneStringLeavingOutTheSystemTurnTiesAndBothBad() {
        Judged judged = judged("export-hh");

        List<JsonNode> lines = lines(judged.campaign(), RecordSchemas.EXPORT_HH, Map.of("format", "hh"));

        assertThat(lines).as("a, b, b; not tie or both_bad").hasSize(3);
        List<String> decisive = new ArrayList<>(judged.plans().keySet()).subList(0, 3);
        for (int i = 0; i < 3; i++) {
            String promptId = decisive.get(i);
            boolean a = judged.plans().get(promptId).winner().equals("a");
            String human = "\n\nHuman: Question for " + promptId + "\n\nAssistant: ";
            assertThat(lines.get(i).path("chosen").asText()).isEqualTo(human + (a ? x(promptId) : y(promptId)));
            assertThat(lines.get(i).path("rejected").asText()).isEqualTo(human + (a ? y(promptId) : x(promptId)));
        }
    }

    @Test
    void hhRendersAMultiTurnPromptTurnByTurn() {
        String campaign = Fixtures.activeCampaign("export-turns", Map.of());
        String promptId = campaign + "-p0";
        List<Object> batch = new ArrayList<>();
        for (String model : List.of("x", "y")) {
            Map<String, Object> record = Completions.record(campaign, promptId, promptId + "-" + model, model);
            record.put(
                    "prompt",
                    List.of(
                            Map.of("role", "system", "content", "Be kind."),
                            Map.of("role", "user", "content", "Hi"),
                            Map.of("role", "assistant", "content", "Hello! How can I help?"),
                            Map.of("role", "user", "content", "Name a colour.")));
            batch.add(record);
        }
        dev.fairwise.support.FairWork.ingest(batch);
        String rater = campaign + "-rater";
        Rating.submit(rater, Rating.leaseId(rater, campaign), Map.of("winner", "b"))
                .then()
                .statusCode(201);

        List<JsonNode> hh = lines(campaign, RecordSchemas.EXPORT_HH, Map.of("format", "hh"));
        List<JsonNode> arena = lines(campaign, RecordSchemas.EXPORT_ARENA, Map.of("format", "arena"));

        String turns = "\n\nHuman: Hi\n\nAssistant: Hello! How can I help?\n\nHuman: Name a colour.\n\nAssistant: ";
        assertThat(hh).singleElement().satisfies(line -> {
            assertThat(line.path("chosen").asText()).isEqualTo(turns + Completions.answer(promptId + "-y"));
            assertThat(line.path("rejected").asText()).isEqualTo(turns + Completions.answer(promptId + "-x"));
        });
        assertThat(arena).singleElement().satisfies(line -> {
            assertThat(line.path("turn").asInt()).as("user turns").isEqualTo(2);
            assertThat(line.path("conversation_b")).hasSize(5);
            assertThat(line.path("conversation_b").get(0).path("role").asText()).isEqualTo("system");
        });
    }

    @Test
    void arenaHasEveryVerdictAsABattleWithModelsInStoredOrderAndThePseudonymAsJudge() {
        Instant before = Instant.now();
        Judged judged = judged("export-arena");

        List<JsonNode> lines = lines(judged.campaign(), RecordSchemas.EXPORT_ARENA, Map.of("format", "arena"));

        assertThat(lines)
                .extracting(l -> l.path("winner").asText())
                .containsExactly("model_a", "model_b", "model_b", "tie", "tie (bothbad)");
        String judge = pseudonyms.of(judged.rater(), judged.campaign(), true);
        List<String> prompts = new ArrayList<>(judged.plans().keySet());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String promptId = prompts.get(i);
            assertThat(line.path("question_id").asText()).isEqualTo(promptId);
            assertThat(line.path("model_a").asText()).isEqualTo("model-x");
            assertThat(line.path("model_b").asText()).isEqualTo("model-y");
            assertThat(line.path("judge").asText()).isEqualTo(judge).doesNotContain(judged.rater());
            assertThat(line.path("turn").asInt()).isEqualTo(1);
            assertThat(line.path("anony").asBoolean()).isTrue();
            assertThat(line.path("tstamp").asDouble())
                    .isBetween(before.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
            assertThat(line.path("conversation_a").toString())
                    .isEqualTo("[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
                            + "{\"role\":\"user\",\"content\":\"Question for " + promptId + "\"},"
                            + "{\"role\":\"assistant\",\"content\":\"" + x(promptId) + "\"}]");
            assertThat(line.path("conversation_b").get(2).path("content").asText())
                    .isEqualTo(y(promptId));
        }
    }

    @Test
    void theResponseIsJsonLinesWithAFileNameNamingCampaignAndFormat() {
        String campaign = Rating.campaignWithComparisons("export-head", 1, Map.of());

        emptyExport(campaign, Map.of("format", "trl"))
                .then()
                .statusCode(200)
                .contentType("application/jsonl")
                .header("Content-Disposition", equalTo("attachment; filename=\"" + campaign + "-trl.jsonl\""));
        assertThat(emptyExport(campaign, Map.of())
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .as("no judgments yet: an empty file")
                .isEmpty();
    }

    @Test
    void aCriterionExportsThatCriterionsAnswerInsteadOfTheWinnerWithoutMargin() {
        Judged judged = judged("export-crit");
        Map<String, String> criterion = Map.of("criterion", "helpfulness");

        List<JsonNode> arena = lines(judged.campaign(), RecordSchemas.EXPORT_ARENA, with(criterion, "arena"));
        List<JsonNode> trl = lines(judged.campaign(), RecordSchemas.EXPORT_TRL, with(criterion, "trl"));

        assertThat(arena)
                .extracting(l -> l.path("winner").asText())
                .containsExactly("model_b", "model_b", "tie", "model_a", "model_a");
        assertThat(trl).as("b, b, a, a: the tie on the criterion is left out").hasSize(4);
        List<String> prompts = new ArrayList<>(judged.plans().keySet());
        assertThat(trl.get(0).path("chosen").get(0).path("content").asText()).isEqualTo(y(prompts.get(0)));
        assertThat(trl.get(2).path("chosen").get(0).path("content").asText()).isEqualTo(x(prompts.get(3)));
        assertThat(trl).allSatisfy(line -> assertThat(line.has("margin")).isFalse());
    }

    private static Map<String, String> with(Map<String, String> params, String format) {
        Map<String, String> all = new HashMap<>(params);
        all.put("format", format);
        return all;
    }

    @Test
    void sinceLeavesOutJudgmentsMadeBeforeIt() {
        Judged judged = judged("export-since");
        List<String> ids = new ArrayList<>(judged.judgments().values());
        // the first two judgments were made a year ago
        Sql.update(
                "update judgment set created_at = created_at - interval '365 days' where id in (?::uuid, ?::uuid)",
                ids.get(0),
                ids.get(1));

        List<JsonNode> recent = lines(
                judged.campaign(),
                RecordSchemas.PREFERENCE,
                Map.of("since", Instant.now().minus(Duration.ofDays(30)).toString()));
        List<JsonNode> all =
                lines(judged.campaign(), RecordSchemas.PREFERENCE, Map.of("since", "2000-01-01T00:00:00+02:00"));

        assertThat(recent).extracting(l -> l.path("judgment_id").asText()).containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(all)
                .extracting(l -> l.path("judgment_id").asText())
                .as("oldest first")
                .containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4));
    }

    @Test
    void goldItemsJudgmentsAreLeftOutUnlessExcludeGoldIsFalse() {
        Judged judged = judged("export-gold");
        String goldPrompt = judged.plans().keySet().iterator().next();
        String goldJudgment = judged.judgments().get(goldPrompt);
        // the comparison the first judgment was of becomes a gold item
        Sql.update(
                "insert into gold_item (comparison_id, campaign_id, verdict, explanation, created_by, created_at)"
                        + " select j.comparison_id, j.campaign_id, 'a', 'Known.', 'test', now() from judgment j"
                        + " where j.id = ?::uuid",
                goldJudgment);

        List<JsonNode> byDefault = lines(judged.campaign(), RecordSchemas.PREFERENCE, Map.of());
        List<JsonNode> kept = lines(judged.campaign(), RecordSchemas.PREFERENCE, Map.of("exclude_gold", "false"));
        List<JsonNode> trlKept =
                lines(judged.campaign(), RecordSchemas.EXPORT_TRL, Map.of("format", "trl", "exclude_gold", "false"));

        assertThat(byDefault)
                .hasSize(4)
                .noneMatch(l -> l.path("judgment_id").asText().equals(goldJudgment));
        assertThat(kept)
                .hasSize(5)
                .filteredOn(l -> l.path("gold").asBoolean())
                .singleElement()
                .satisfies(l -> assertThat(l.path("judgment_id").asText()).isEqualTo(goldJudgment));
        assertThat(trlKept).hasSize(3);
    }

    @Test
    void consensusOnlyKeepsJudgmentsAgreeingWithADecisiveConsensus() {
        // three prompts judged by two raters each: both a (consensus a), a against b (split), both tie
        String campaign = Rating.campaignWithComparisons("export-cons", 3, Map.of("overlap", 2));
        List<String> raters = List.of(campaign + "-r1", campaign + "-r2");
        Map<String, List<String>> votes = new HashMap<>();
        List<String> promptOrder = new ArrayList<>();
        Map<String, Set<String>> judgmentsOf = new HashMap<>();
        for (String rater : raters) {
            for (int i = 0; i < 3; i++) {
                Response lease = Rating.lease(rater, campaign)
                        .then()
                        .statusCode(201)
                        .extract()
                        .response();
                String promptId = promptId(lease.jsonPath().getString("prompt[-1].content"));
                if (!promptOrder.contains(promptId)) {
                    promptOrder.add(promptId);
                }
                int p = promptOrder.indexOf(promptId);
                String winner = switch (p) {
                    case 0 -> "a";
                    case 1 -> rater.equals(raters.get(0)) ? "a" : "b";
                    default -> "tie";
                };
                String judgment = Rating.submit(rater, lease.path("id"), Map.of("winner", winner))
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("judgment_id");
                votes.computeIfAbsent(promptId, k -> new ArrayList<>()).add(winner);
                judgmentsOf.computeIfAbsent(promptId, k -> new HashSet<>()).add(judgment);
            }
        }
        assertThat(Sql.value(
                        "select count(*) from consensus s join campaign k on k.id = s.campaign_id where k.slug = ?",
                        campaign))
                .isEqualTo(3L);

        List<JsonNode> fairwise = lines(campaign, RecordSchemas.PREFERENCE, Map.of("consensus_only", "true"));
        List<JsonNode> arena =
                lines(campaign, RecordSchemas.EXPORT_ARENA, Map.of("format", "arena", "consensus_only", "true"));
        List<JsonNode> everything = lines(campaign, RecordSchemas.PREFERENCE, Map.of("consensus_only", "false"));

        assertThat(fairwise)
                .extracting(l -> l.path("judgment_id").asText())
                .containsExactlyInAnyOrderElementsOf(judgmentsOf.get(promptOrder.get(0)));
        assertThat(arena)
                .hasSize(2)
                .allSatisfy(l -> assertThat(l.path("winner").asText()).isEqualTo("model_a"));
        assertThat(everything).hasSize(6);
    }

    @Test
    void badParametersAreValidationProblemsAndAnUnknownCampaignIsNotFound() {
        String campaign = Rating.campaignWithComparisons(
                "export-bad",
                1,
                Map.of("criteria", List.of(Map.of("name", "helpfulness", "question", "Which is more helpful?"))));
        String plain = Rating.campaignWithComparisons("export-plain", 1, Map.of());
        List<Map<String, String>> bad = List.of(
                Map.of("format", "csv"),
                Map.of("format", "TRL"),
                Map.of("since", "yesterday"),
                Map.of("since", "2026-11-01T00:00:00"),
                Map.of("consensus_only", "yes"),
                Map.of("exclude_gold", "1"),
                Map.of("format", "trl", "criterion", "honesty"),
                Map.of("format", "fairwise", "criterion", "helpfulness"));
        for (Map<String, String> params : bad) {
            export(campaign, params)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "validation"));
        }
        export(plain, Map.of("format", "arena", "criterion", "helpfulness"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("criterion"));
        export("no-such-campaign-" + UUID.randomUUID().toString().substring(0, 8), Map.of("format", "trl"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "not-found"));
        emptyExport(campaign, Map.of("format", "trl", "criterion", "helpfulness"))
                .then()
                .statusCode(200);
    }

    @Test
    void aLargeExportStreamsEveryJudgmentOnceInOrderAcrossPages() throws Exception {
        String campaign = Fixtures.activeCampaign("export-many", Map.of());
        long id = ((Number) Sql.value("select id from campaign where slug = ?", campaign)).longValue();
        long written;
        try (Connection db = Sql.connect()) {
            written = JudgmentSeed.seed(db, id, campaign, 1_501, 3);
        }

        long lines = 0;
        long decisive = 0;
        Set<String> ids = new HashSet<>();
        String last = "";
        try (InputStream body = export(campaign, Map.of())
                        .then()
                        .statusCode(200)
                        .extract()
                        .asInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode record = RecordSchemas.parse(line);
                assertThat(RecordSchemas.errors(RecordSchemas.PREFERENCE, record))
                        .as(line)
                        .isEmpty();
                String judgedAt = record.path("judged_at").asText();
                assertThat(Instant.parse(judgedAt))
                        .isAfterOrEqualTo(last.isEmpty() ? Instant.EPOCH : Instant.parse(last));
                last = judgedAt;
                ids.add(record.path("judgment_id").asText());
                if (record.has("chosen")) {
                    decisive++;
                }
                lines++;
            }
        }
        long trl;
        try (InputStream body = export(campaign, Map.of("format", "trl"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            trl = reader.lines().count();
        }

        assertThat(written).isEqualTo(4_503);
        assertThat(lines).isEqualTo(written);
        assertThat(ids).hasSize((int) written);
        assertThat(decisive).isEqualTo(trl);
        assertThat(trl)
                .isEqualTo(
                        Sql.value("select count(*) from judgment where campaign_id = ? and winner in ('a', 'b')", id));
    }
}
