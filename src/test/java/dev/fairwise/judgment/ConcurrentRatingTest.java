package dev.fairwise.judgment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many raters leasing and judging one campaign at once: no comparison goes over its overlap, no rater
 * judges a comparison twice, and every accepted judgment is on the topic exactly once after deduplication.
 */
@QuarkusTest
class ConcurrentRatingTest {
    private static final int RATERS = 60;

    @ParameterizedTest(name = "overlap {0}")
    @ValueSource(ints = {1, 3})
    void sixtyRatersAtOnce(int overlap) throws Exception {
        int prompts = 40;
        String campaign = Rating.campaignWithComparisons("crowd", prompts, Map.of("overlap", overlap));
        Map<String, String> judgedBy = new ConcurrentHashMap<>(); // judgment id -> rater
        ExecutorService pool = Executors.newFixedThreadPool(RATERS);
        try {
            List<Future<Integer>> work = new ArrayList<>();
            for (int r = 0; r < RATERS; r++) {
                String rater = "crowd-" + overlap + "-" + r;
                work.add(pool.submit(() -> {
                    int done = 0;
                    while (true) {
                        Response lease = Rating.lease(rater, campaign);
                        if (lease.statusCode() == 204) {
                            return done;
                        }
                        assertThat(lease.statusCode()).isEqualTo(201);
                        Response judged =
                                Rating.submit(rater, lease.path("id"), Map.of("winner", done % 2 == 0 ? "a" : "tie"));
                        assertThat(judged.statusCode()).isEqualTo(201);
                        judgedBy.put(judged.path("judgment_id"), rater);
                        done++;
                    }
                }));
            }
            int total = 0;
            for (Future<Integer> f : work) {
                total += f.get();
            }
            assertThat(total).isEqualTo(prompts * overlap);
        } finally {
            pool.shutdownNow();
        }

        var progress = Progress.of(campaign);
        assertThat(progress.getInt("judgments.received")).isEqualTo(prompts * overlap);
        assertThat(progress.getInt("comparisons.complete")).isEqualTo(prompts);

        List<ConsumerRecord<String, byte[]>> records =
                PreferencesTopic.awaitJudgments(judgedBy.keySet(), Duration.ofSeconds(60));
        Map<String, JsonNode> byJudgment = new HashMap<>();
        records.forEach(
                r -> byJudgment.put(PreferencesTopic.json(r).path("judgment_id").asText(), PreferencesTopic.json(r)));
        assertThat(byJudgment.keySet()).isEqualTo(judgedBy.keySet());
        Map<String, Integer> perComparison = new HashMap<>();
        Set<String> raterOnComparison = new HashSet<>();
        for (JsonNode record : byJudgment.values()) {
            String comparison = record.path("comparison_id").asText();
            perComparison.merge(comparison, 1, Integer::sum);
            assertThat(raterOnComparison.add(
                            comparison + "|" + record.path("rater").asText()))
                    .as("a rater judged comparison %s twice", comparison)
                    .isTrue();
        }
        assertThat(perComparison).hasSize(prompts);
        assertThat(perComparison.values()).allSatisfy(n -> assertThat(n).isEqualTo(overlap));
    }
}
