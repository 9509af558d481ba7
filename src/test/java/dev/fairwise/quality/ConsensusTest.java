package dev.fairwise.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairwise.assignment.ShownOrder;
import dev.fairwise.support.ConsensusTopic;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import dev.fairwise.support.RecordSchemas;
import dev.fairwise.support.Sql;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A comparison that reaches its overlap gets one consensus, stored with the judgment that completed it and
 * published on {@code fairwise.consensus.v1} through the outbox, read back here with a plain consumer.
 */
@QuarkusTest
class ConsensusTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void showTheStoredOrder() {
        // slot a is completion_a for every rater, so the test can say which completion it prefers
        QuarkusMock.installMockForType(new StoredOrder(), ShownOrder.class);
    }

    @Test
    void theJudgmentThatCompletesAComparisonPublishesItsConsensusWithVotesAndRaters() {
        String campaign = Rating.campaignWithComparisons(
                "consensus",
                1,
                Map.of(
                        "overlap",
                        3,
                        "criteria",
                        List.of(Map.of("name", "helpfulness", "question", "Which helps more?"))));
        List<String> judgmentIds = new ArrayList<>();
        String comparison = null;
        List<Map<String, Object>> votes = List.of(
                Map.of("winner", "a", "strength", "clear", "criteria", Map.of("helpfulness", "a")),
                Map.of("winner", "a", "strength", "slight", "criteria", Map.of("helpfulness", "b")),
                Map.of("winner", "tie", "criteria", Map.of("helpfulness", "a")));
        for (int i = 0; i < votes.size(); i++) {
            String rater = campaign + "-rater" + i;
            String assignment = Rating.leaseId(rater, campaign);
            comparison =
                    (String) Sql.value("select comparison_id::text from assignment where id = ?::uuid", assignment);
            judgmentIds.add(submitted(Rating.submit(rater, assignment, votes.get(i))));
            if (i < votes.size() - 1) {
                assertThat(consensusRows(comparison)).as("before the overlap").isZero();
            }
        }
        assertThat(consensusRows(comparison)).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = ConsensusTopic.awaitComparison(comparison, WAIT);
        ConsumerRecord<String, byte[]> record = records.get(0);
        JsonNode value = ConsensusTopic.json(record);
        assertThat(RecordSchemas.errors(RecordSchemas.CONSENSUS, value))
                .as(value.toString())
                .isEmpty();
        assertThat(RecordSchemas.errors(RecordSchemas.CONSENSUS_HEADERS, RecordSchemas.headers(record)))
                .isEmpty();
        assertThat(record.key()).isEqualTo(value.path("prompt_id").asText());
        assertThat(value.path("verdict").asText()).isEqualTo("a");
        assertThat(value.path("split").asBoolean()).isFalse();
        assertThat(value.path("votes").path("a").asInt()).isEqualTo(2);
        assertThat(value.path("votes").path("tie").asInt()).isEqualTo(1);
        assertThat(value.path("judgments").asInt()).isEqualTo(3);
        assertThat(value.path("agreement").asDouble()).isEqualTo(2.0 / 3);
        assertThat(value.path("mean_strength").asDouble()).isEqualTo(1.0); // (2 + 1 + 0) / 3
        assertThat(value.path("criteria").path("helpfulness").asText()).isEqualTo("a");
        assertThat(value.path("chosen")).isEqualTo(value.path("completion_a").path("response"));
        assertThat(value.path("rejected")).isEqualTo(value.path("completion_b").path("response"));
        List<String> ids = new ArrayList<>();
        value.path("judgment_ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).containsExactlyElementsOf(judgmentIds);

        // the raters are the pseudonyms of their preference records, in the same order
        Map<String, String> raterOfJudgment = PreferencesTopic.awaitJudgments(Set.copyOf(judgmentIds), WAIT).stream()
                .map(PreferencesTopic::json)
                .collect(Collectors.toMap(
                        j -> j.path("judgment_id").asText(),
                        j -> j.path("rater").asText(),
                        (x, y) -> x));
        List<String> raters = new ArrayList<>();
        value.path("raters").forEach(r -> raters.add(r.asText()));
        assertThat(raters)
                .containsExactlyElementsOf(
                        judgmentIds.stream().map(raterOfJudgment::get).toList());
    }

    @Test
    void aSplitVoteIsPublishedAsATieWithoutChosenOrRejected() {
        String campaign = Rating.campaignWithComparisons("consensus-split", 1, Map.of("overlap", 2));
        String comparison = null;
        for (String winner : List.of("a", "b")) {
            String rater = campaign + "-" + winner;
            String assignment = Rating.leaseId(rater, campaign);
            comparison =
                    (String) Sql.value("select comparison_id::text from assignment where id = ?::uuid", assignment);
            submitted(Rating.submit(rater, assignment, Map.of("winner", winner)));
        }

        JsonNode value = ConsensusTopic.json(
                ConsensusTopic.awaitComparison(comparison, WAIT).get(0));
        assertThat(RecordSchemas.errors(RecordSchemas.CONSENSUS, value)).isEmpty();
        assertThat(value.path("verdict").asText()).isEqualTo("tie");
        assertThat(value.path("split").asBoolean()).isTrue();
        assertThat(value.path("agreement").asDouble()).isEqualTo(0.5);
        assertThat(value.has("chosen")).isFalse();
        assertThat(value.path("mean_strength").isNull()).isTrue(); // wins without a strength are off the scale
        assertThat(Sql.value("select verdict || ':' || split from consensus where comparison_id = ?::uuid", comparison))
                .isEqualTo("tie:true");
    }

    private static String submitted(Response response) {
        return response.then().statusCode(201).extract().path("judgment_id");
    }

    private static long consensusRows(String comparison) {
        return ((Number) Sql.value(
                        "select count(*) from consensus where comparison_id = ?::uuid", UUID.fromString(comparison)))
                .longValue();
    }

    /** Shows every pair in its stored order. */
    static class StoredOrder extends ShownOrder {
        @Override
        public String next(int shownAb, int shownBa) {
            return "ab";
        }
    }
}
