package dev.fairwise.ingest;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.Completions;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Management;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The consumer stores a polled batch in one transaction with a few statements for all of it; the same
 * records sent one per request (one record per transaction, as the fallback stores a failed group) must
 * make exactly the same comparisons from the same arrivals,
 * whatever the strategy, with prompts interleaved, a record sent twice and the cap reached, and treat
 * copies, rejections and duplicates alike.
 */
@QuarkusTest
class BatchIngestTest {
    private static final int PROMPTS = 3;
    private static final int MODELS = 5;

    @ParameterizedTest
    @ValueSource(strings = {"all_pairs", "cross_model", "vs_baseline", "random_subset"})
    void aKafkaBatchPairsExactlyAsOneRecordAtATime(String strategy) {
        Map<String, Object> settings =
                Map.of("pairing_strategy", strategy, "baseline_model", "m0", "pairing_seed", 11, "per_prompt_cap", 7);
        String viaKafka = Fixtures.activeCampaign("batch-kafka", settings);
        String viaRest = Fixtures.activeCampaign("batch-rest", settings);

        double fallbacks = fallbacks();
        double[] together = metric();
        // one producer transaction: the consumer sees every record at the commit, in one poll
        KafkaTestClient.sendTogether(
                KafkaTestClient.COMPLETIONS,
                arrivals(viaKafka).stream()
                        .map(r -> Map.entry(
                                (String) r.get("prompt_id"), json(r).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .toList());
        for (Map<String, Object> arrival : arrivals(viaRest)) {
            given().auth()
                    .oauth2(Tokens.admin())
                    .contentType("application/json")
                    .body(Map.of("completions", List.of(arrival)))
                    .post("/api/v1/completions")
                    .then()
                    .statusCode(200);
        }

        var kafka = Progress.awaitCompletions(viaKafka, PROMPTS * MODELS);
        var rest = Progress.awaitCompletions(viaRest, PROMPTS * MODELS);
        assertThat(kafka.getInt("comparisons.total"))
                .isEqualTo(rest.getInt("comparisons.total"))
                .isPositive();
        assertThat(pairs(viaKafka)).isEqualTo(pairs(viaRest));
        assertThat(fallbacks()).as("batches stored one record at a time").isEqualTo(fallbacks);
        double[] after = metric();
        assertThat(after[1] - together[1])
                .as("records stored together, against transactions that stored them: some held several records")
                .isGreaterThan(after[0] - together[0]);
    }

    /** Count and sum of the records Kafka groups stored together. */
    private static double[] metric() {
        return new double[] {
            Management.sum("fairwise_ingest_batch_records_count", "source=\"kafka\""),
            Management.sum("fairwise_ingest_batch_records_sum", "source=\"kafka\"")
        };
    }

    private static double fallbacks() {
        return Management.sum("fairwise_ingest_batch_fallbacks_total");
    }

    @Test
    void aCopyWithTheWrongPromptIsDeadLetteredAndTheCorrectedCopyStored() {
        String campaign = Fixtures.activeCampaign("batch-fix", Map.of());
        String key = campaign + "-p";
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, json(record(campaign, key, campaign + "-c0", "m0")));
        Progress.awaitCompletions(campaign, 1);
        Map<String, Object> corrected = record(campaign, key, campaign + "-c1", "m1");
        KafkaTestClient.send(
                KafkaTestClient.COMPLETIONS, key, json(Completions.with(corrected, "prompt", "Another prompt")));
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, json(corrected));
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, json(corrected));

        var dead = KafkaTestClient.awaitRecords(
                KafkaTestClient.COMPLETIONS_DLQ, r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead)
                .singleElement()
                .satisfies(r -> assertThat(KafkaTestClient.header(r, CompletionConsumer.REASON_HEADER))
                        .isEqualTo("prompt_mismatch"));
        var progress = Progress.awaitCompletions(campaign, 2);
        assertThat(progress.getInt("completions")).isEqualTo(2);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(1);
    }

    @Test
    void aRedeliveryAfterTheCampaignClosedIsADuplicateNotADeadLetter() {
        String campaign = Fixtures.activeCampaign("batch-closed", Map.of());
        String key = campaign + "-p";
        Map<String, Object> stored = record(campaign, key, campaign + "-c1", "m1");
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, json(stored));
        Progress.awaitCompletions(campaign, 1);
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/close", campaign)
                .then()
                .statusCode(200);

        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, json(stored));
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, json(record(campaign, key, campaign + "-c2", "m2")));

        var dead = KafkaTestClient.awaitRecords(
                KafkaTestClient.COMPLETIONS_DLQ, r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(KafkaTestClient.header(r, CompletionConsumer.REASON_HEADER))
                    .isEqualTo("campaign_closed");
            assertThat(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(campaign + "-c2");
        });
    }

    /** Models 0..4 of three prompts, the prompts interleaved, and one record sent again in between. */
    private static List<Map<String, Object>> arrivals(String campaign) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int m = 0; m < MODELS; m++) {
            for (int p = 0; p < PROMPTS; p++) {
                records.add(record(campaign, "prompt-" + p, campaign + "-p" + p + "-m" + m, "m" + m));
            }
            if (m == 2) {
                records.add(records.get(1));
            }
        }
        return records;
    }

    /** The campaign's comparisons as pairs of completion ids without the campaign prefix. */
    @SuppressWarnings("unchecked")
    private static Set<String> pairs(String campaign) {
        return Progress.comparisons(campaign).stream()
                .map(c -> {
                    String a = ((Map<String, String>) c.get("completion_a"))
                            .get("completion_id")
                            .replace(campaign, "");
                    String b = ((Map<String, String>) c.get("completion_b"))
                            .get("completion_id")
                            .replace(campaign, "");
                    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
                })
                .collect(Collectors.toSet());
    }
}
