package dev.fairwise.ingest;

import static dev.fairwise.support.Completions.record;
import static dev.fairwise.support.Completions.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST /api/v1/completions: the same records over REST, with a result per record. */
@QuarkusTest
class CompletionBatchResourceTest {

    @Test
    void mixedBatchReportsEachRecord() {
        String campaign = Fixtures.activeCampaign("batch", Map.of());
        Map<String, Object> first = record(campaign, campaign + "-p", campaign + "-c1", "m1");
        Map<String, Object> second = record(campaign, campaign + "-p", campaign + "-c2", "m2");
        List<Object> batch = List.of(
                first,
                second,
                first, // duplicate within the batch
                with(record(campaign, campaign + "-p", campaign + "-c3", "m3"), "response", 42),
                with(record(campaign, campaign + "-q", campaign + "-c4", "m4"), "campaign", "nope"),
                "not an object",
                // (index 6) a prompt that contradicts the stored one
                with(record(campaign, campaign + "-p", campaign + "-c5", "m5"), "prompt", "plain string prompt"));

        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", batch))
                .post("/api/v1/completions")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("rejected", equalTo(4))
                .body(
                        "results.status",
                        contains("stored", "stored", "duplicate", "rejected", "rejected", "rejected", "rejected"))
                .body("results.index", contains(0, 1, 2, 3, 4, 5, 6))
                .body("results[1].comparisons_created", equalTo(1))
                .body("results[3].reason", equalTo("invalid_field"))
                .body("results[4].reason", equalTo("unknown_campaign"))
                .body("results[5].reason", equalTo("malformed_json"))
                .body("results[6].reason", equalTo("prompt_mismatch"));

        // Sending the same batch again stores nothing new.
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", List.of(first, second)))
                .post("/api/v1/completions")
                .then()
                .statusCode(200)
                .body("duplicates", equalTo(2));
        var progress = Progress.of(campaign);
        assertThat(progress.getInt("completions")).isEqualTo(2);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(1);
    }

    @Test
    void aBatchIsStoredInOneTransaction() {
        String campaign = Fixtures.activeCampaign("batch-one-tx", Map.of());
        List<Object> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(record(campaign, campaign + "-p" + (i % 2), campaign + "-c" + i, "m" + i));
        }
        double[] before = restBatches();

        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", batch))
                .post("/api/v1/completions")
                .then()
                .statusCode(200)
                .body("stored", equalTo(6));

        double[] after = restBatches();
        assertThat(after[0] - before[0]).as("transactions").isEqualTo(1);
        assertThat(after[1] - before[1]).as("records stored in them").isEqualTo(6);
        assertThat(Progress.of(campaign).getInt("comparisons.total")).isEqualTo(6);
    }

    /** Count and sum of fairwise_ingest_batch_records{source="rest"}. */
    private static double[] restBatches() {
        return new double[] {
            dev.fairwise.support.Management.sum("fairwise_ingest_batch_records_count", "source=\"rest\""),
            dev.fairwise.support.Management.sum("fairwise_ingest_batch_records_sum", "source=\"rest\"")
        };
    }

    @Test
    void aNulCharacterRejectsTheRecordOnly() {
        String campaign = Fixtures.activeCampaign("nul", Map.of());
        Map<String, Object> bad = with(record(campaign, campaign + "-p", campaign + "-c1", "m1"), "model", "m\u0000");
        Map<String, Object> good = record(campaign, campaign + "-p", campaign + "-c2", "m2");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", List.of(bad, good)))
                .post("/api/v1/completions")
                .then()
                .statusCode(200)
                .body("results.status", contains("rejected", "stored"))
                .body("results[0].reason", equalTo("invalid_field"));
    }

    @Test
    void plainStringPromptAndResponseAreStoredAsTurns() {
        String campaign = Fixtures.activeCampaign("plain", Map.of());
        Map<String, Object> r = with(
                with(record(campaign, campaign + "-p", campaign + "-c1", "m1"), "prompt", "What is 2+2?"),
                "response",
                "4");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", List.of(r)))
                .post("/api/v1/completions")
                .then()
                .statusCode(200)
                .body("results[0].status", equalTo("stored"));
    }

    @Test
    void tooManyRecordsOrNoneIsA400() {
        String campaign = Fixtures.activeCampaign("big", Map.of());
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            batch.add(record(campaign, campaign + "-p" + i, campaign + "-c" + i, "m"));
        }
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", batch))
                .post("/api/v1/completions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("completions"));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", List.of()))
                .post("/api/v1/completions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(Progress.of(campaign).getInt("completions")).isZero();
    }

    @Test
    void thePerPromptCapHoldsUnderConcurrentIngest() throws Exception {
        String campaign = Fixtures.activeCampaign("race", Map.of("per_prompt_cap", 7));
        int completions = 16;
        ExecutorService pool = Executors.newFixedThreadPool(completions);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < completions; i++) {
                order.add(i);
            }
            Collections.shuffle(order);
            for (int i : order) {
                Map<String, Object> r = record(campaign, campaign + "-p", campaign + "-c" + i, "m" + i);
                calls.add(pool.submit(() -> given().auth()
                        .oauth2(Tokens.admin())
                        .contentType(ContentType.JSON)
                        .body(Map.of("completions", List.of(r)))
                        .post("/api/v1/completions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("stored")));
            }
            int stored = 0;
            for (Future<Integer> call : calls) {
                stored += call.get();
            }
            assertThat(stored).isEqualTo(completions);
        } finally {
            pool.shutdownNow();
        }
        var progress = Progress.of(campaign);
        assertThat(progress.getInt("completions")).isEqualTo(completions);
        assertThat(progress.getInt("comparisons.total")).isEqualTo(7);
        assertThat(Progress.comparisons(campaign)).hasSize(7);
    }
}
