package dev.fairwise.judgment;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairwise.assignment.ShownOrder;
import dev.fairwise.support.Completions;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole loop through the real broker and database: completions produced to Kafka, a lease, a judgment,
 * and the preference record read back from the topic with a plain consumer, field by field.
 */
@QuarkusTest
class PreferenceFlowTest {

    @ParameterizedTest(name = "shown {0}, rater picks {1}, strength {2}")
    @CsvSource({
        "ab, a,        clear",
        "ab, b,        strong",
        "ba, a,        negligible",
        "ba, b,        slight",
        "ba, tie,      ''",
        "ab, both_bad, ''",
        "ab, a,        ''",
    })
    void aJudgmentBecomesAPreferenceRecord(String shown, String pick, String strength) {
        QuarkusMock.installMockForType(new FixedOrder(shown), ShownOrder.class);
        boolean withCriteria = !strength.isEmpty();
        Map<String, Object> settings = withCriteria
                ? Map.of(
                        "criteria",
                        List.of(
                                Map.of("name", "helpfulness", "question", "Which helps more?"),
                                Map.of("name", "harmlessness", "question", "Which is safer?")),
                        "strength_required",
                        true)
                : Map.of();
        String campaign = Fixtures.activeCampaign("flow", settings);
        String prompt = campaign + "-p";
        Map<String, Object> first = record(campaign, prompt, campaign + "-first", "model-first");
        first.put("content_tags", List.of("profanity"));
        Map<String, Object> second = record(campaign, prompt, campaign + "-second", "model-second");
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, prompt, json(first));
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, prompt, json(second));
        Progress.awaitCompletions(campaign, 2);

        var lease = Rating.lease("rhea", campaign).then().statusCode(201).extract();
        String assignment = lease.path("id");
        String leaseBody = lease.asString();
        assertThat(leaseBody).doesNotContain("model-first", "model-second", campaign + "-first", campaign + "-second");
        // slot a shows the first-stored completion when the order is "ab", the second when "ba"
        String slotA = lease.path("responses.a[0].content");
        assertThat(slotA).isEqualTo(Completions.answer(campaign + (shown.equals("ab") ? "-first" : "-second")));

        Map<String, Object> judgment = new HashMap<>();
        judgment.put("winner", pick);
        if (withCriteria) {
            judgment.put("strength", pick.equals("a") || pick.equals("b") ? strength : null);
            judgment.put("criteria", Map.of("helpfulness", "a", "harmlessness", "tie"));
        }
        judgment.put("rationale", "Because.");
        judgment.values().removeIf(java.util.Objects::isNull);
        String judgmentId = Rating.submit("rhea", assignment, judgment)
                .then()
                .statusCode(201)
                .body("winner", equalTo(pick))
                .extract()
                .path("judgment_id");

        List<ConsumerRecord<String, byte[]>> records =
                PreferencesTopic.awaitJudgments(Set.of(judgmentId), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.key()).isEqualTo(prompt);
        JsonNode r = PreferencesTopic.json(record);
        String stored = stored(pick, shown);
        assertThat(r.path("schema").asText()).isEqualTo("fairwise.preference.v1");
        assertThat(r.path("judgment_id").asText()).isEqualTo(judgmentId);
        assertThat(r.path("campaign").asText()).isEqualTo(campaign);
        assertThat(r.path("comparison_id").asText()).hasSize(36);
        assertThat(r.path("prompt_id").asText()).isEqualTo(prompt);
        assertThat(r.path("prompt").get(1).path("role").asText()).isEqualTo("user");
        assertThat(r.path("completion_a").path("completion_id").asText()).isEqualTo(campaign + "-first");
        assertThat(r.path("completion_a").path("model").asText()).isEqualTo("model-first");
        assertThat(r.path("completion_b").path("model").asText()).isEqualTo("model-second");
        assertThat(r.path("completion_b").path("response").get(0).path("role").asText())
                .isEqualTo("assistant");
        assertThat(r.path("winner").asText()).isEqualTo(stored);
        assertThat(r.path("shown_order").asText()).isEqualTo(shown);
        if (stored.equals("a") || stored.equals("b")) {
            String loser = stored.equals("a") ? "completion_b" : "completion_a";
            String winner = stored.equals("a") ? "completion_a" : "completion_b";
            assertThat(r.path("chosen")).isEqualTo(r.path(winner).path("response"));
            assertThat(r.path("rejected")).isEqualTo(r.path(loser).path("response"));
        } else {
            assertThat(r.has("chosen")).isFalse();
            assertThat(r.has("rejected")).isFalse();
        }
        if (withCriteria && (pick.equals("a") || pick.equals("b"))) {
            assertThat(r.path("strength").asText()).isEqualTo(strength);
            assertThat(r.path("margin").asInt())
                    .isEqualTo(
                            List.of("negligible", "slight", "clear", "strong").indexOf(strength));
        } else {
            assertThat(r.path("strength").isNull()).isTrue();
            assertThat(r.path("margin").isNull()).isTrue();
        }
        if (withCriteria) {
            assertThat(r.path("criteria").path("helpfulness").asText()).isEqualTo(stored("a", shown));
            assertThat(r.path("criteria").path("harmlessness").asText()).isEqualTo("tie");
        } else {
            assertThat(r.path("criteria").size()).isZero();
        }
        assertThat(r.path("rationale").asText()).isEqualTo("Because.");
        assertThat(r.path("rater").asText()).matches("r-[0-9a-f]{32}").doesNotContain("rhea");
        assertThat(r.path("active_ms").asLong()).isNotNegative();
        assertThat(r.path("guideline_version").asInt()).isEqualTo(1);
        assertThat(r.path("content_tags").get(0).asText()).isEqualTo("profanity");
        assertThat(r.path("gold").asBoolean()).isFalse();
        assertThat(r.path("judged_at").asText()).endsWith("Z");
        assertThat(KafkaTestClient.header(record, "fairwise-judgment-id")).isEqualTo(judgmentId);

        var progress = Progress.of(campaign);
        assertThat(progress.getInt("judgments.received")).isEqualTo(1);
        assertThat(progress.getInt("comparisons.complete")).isEqualTo(1);
    }

    private static String stored(String slot, String shown) {
        if (shown.equals("ab")) {
            return slot;
        }
        return switch (slot) {
            case "a" -> "b";
            case "b" -> "a";
            default -> slot;
        };
    }

    /** Shows every pair in one fixed order. */
    static class FixedOrder extends ShownOrder {
        private final String order;

        FixedOrder(String order) {
            this.order = order;
        }

        @Override
        public String next(int shownAb, int shownBa) {
            return order;
        }
    }
}
