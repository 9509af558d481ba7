package dev.fairwise.ingest;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Completions produced to the real broker are stored once and paired by the campaign's strategy. */
@QuarkusTest
class KafkaIngestTest {

    private static void produce(String campaign, String prompt, String completion, String model) {
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, prompt, json(record(campaign, prompt, completion, model)));
    }

    private static Set<String> pairs(String campaign) {
        return Progress.comparisons(campaign).stream().map(c -> pairKey(c)).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static String pairKey(Map<String, Object> comparison) {
        String a = ((Map<String, String>) comparison.get("completion_a")).get("completion_id");
        String b = ((Map<String, String>) comparison.get("completion_b")).get("completion_id");
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    @Test
    void allPairsMakesEveryPairOfAPromptOnce() {
        String campaign = Fixtures.activeCampaign("allpairs", Map.of("pairing_strategy", "all_pairs"));
        for (String c : List.of("c1", "c2", "c3", "c4")) {
            produce(campaign, campaign + "-p1", campaign + "-" + c, "model-" + c);
        }
        produce(campaign, campaign + "-p2", campaign + "-solo", "model-x");
        var progress = Progress.awaitCompletions(campaign, 5);
        assertThat(progress.getInt("prompts")).isEqualTo(2);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(6);
        assertThat(progress.getInt("comparisons.open")).isEqualTo(6);
        assertThat(pairs(campaign)).hasSize(6).noneMatch(p -> p.contains("solo"));
    }

    @Test
    void crossModelNeverPairsAModelWithItself() {
        String campaign = Fixtures.activeCampaign("cross", Map.of("pairing_strategy", "cross_model"));
        produce(campaign, campaign + "-p", campaign + "-a1", "alpha");
        produce(campaign, campaign + "-p", campaign + "-a2", "alpha");
        produce(campaign, campaign + "-p", campaign + "-b1", "beta");
        produce(campaign, campaign + "-p", campaign + "-g1", "gamma");
        Progress.awaitCompletions(campaign, 4);
        List<Map<String, Object>> comparisons = Progress.comparisons(campaign);
        // alpha x2, beta, gamma: C(4,2) = 6 minus the one alpha-alpha pair
        assertThat(comparisons).hasSize(5);
        assertThat(comparisons)
                .allSatisfy(c -> assertThat(model(c, "completion_a")).isNotEqualTo(model(c, "completion_b")));
    }

    @Test
    void vsBaselinePairsEachCompletionWithTheBaselineOnly() {
        String campaign = Fixtures.activeCampaign(
                "baseline", Map.of("pairing_strategy", "vs_baseline", "baseline_model", "base"));
        produce(campaign, campaign + "-p", campaign + "-x", "policy-x");
        produce(campaign, campaign + "-p", campaign + "-base", "base");
        produce(campaign, campaign + "-p", campaign + "-y", "policy-y");
        produce(campaign, campaign + "-p", campaign + "-z", "policy-z");
        Progress.awaitCompletions(campaign, 4);
        List<Map<String, Object>> comparisons = Progress.comparisons(campaign);
        assertThat(comparisons).hasSize(3);
        assertThat(comparisons)
                .allSatisfy(c -> assertThat(List.of(model(c, "completion_a"), model(c, "completion_b")))
                        .containsOnlyOnce("base"));
    }

    @Test
    void randomSubsetConnectsEveryCompletionReproduciblyAndRespectsTheCap() {
        Map<String, Object> settings =
                Map.of("pairing_strategy", "random_subset", "pairing_seed", 7, "per_prompt_cap", 4);
        String first = Fixtures.activeCampaign("random", settings);
        String second = Fixtures.activeCampaign("random", settings);
        for (String campaign : List.of(first, second)) {
            for (int i = 1; i <= 6; i++) {
                produce(campaign, "shared-prompt", "c" + i + "-" + campaign, "m" + i);
            }
        }
        Progress.awaitCompletions(first, 6);
        Progress.awaitCompletions(second, 6);
        Set<String> a = pairs(first).stream().map(p -> p.replace(first, "")).collect(Collectors.toSet());
        Set<String> b = pairs(second).stream().map(p -> p.replace(second, "")).collect(Collectors.toSet());
        assertThat(a).hasSize(4).isEqualTo(b);
    }

    @Test
    void theCapLimitsComparisonsPerPrompt() {
        String campaign = Fixtures.activeCampaign("cap", Map.of("per_prompt_cap", 3));
        for (int i = 1; i <= 5; i++) {
            produce(campaign, campaign + "-p", campaign + "-c" + i, "m" + i);
        }
        var progress = Progress.awaitCompletions(campaign, 5);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(3);
    }

    @Test
    void aRedeliveredRecordChangesNothing() {
        String campaign = Fixtures.activeCampaign("dup", Map.of());
        produce(campaign, campaign + "-p", campaign + "-c1", "m1");
        produce(campaign, campaign + "-p", campaign + "-c2", "m2");
        produce(campaign, campaign + "-p", campaign + "-c1", "m1");
        produce(campaign, campaign + "-p", campaign + "-c2", "a-different-model");
        produce(campaign, campaign + "-p", campaign + "-c3", "m3");
        var progress = Progress.awaitCompletions(campaign, 3);
        assertThat(progress.getInt("completions")).isEqualTo(3);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(3);
    }

    @Test
    void completionsOfADraftOrPausedCampaignAreStored() {
        String draft = Fixtures.createCampaign("draft", Map.of());
        produce(draft, draft + "-p", draft + "-c1", "m1");
        produce(draft, draft + "-p", draft + "-c2", "m2");
        assertThat(Progress.awaitCompletions(draft, 2).getInt("comparisons.total"))
                .isEqualTo(1);

        String paused = Fixtures.activeCampaign("paused", Map.of());
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/pause", paused)
                .then()
                .statusCode(200);
        produce(paused, paused + "-p", paused + "-c1", "m1");
        produce(paused, paused + "-p", paused + "-c2", "m2");
        var progress = Progress.awaitCompletions(paused, 2);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(1);
        assertThat(progress.getString("state")).isEqualTo("paused");
    }

    @SuppressWarnings("unchecked")
    private static String model(Map<String, Object> comparison, String side) {
        return ((Map<String, String>) comparison.get(side)).get("model");
    }
}
