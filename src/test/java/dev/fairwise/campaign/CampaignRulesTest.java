package dev.fairwise.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules work is judged by cannot change under raters' feet, and concurrent edits never 500. */
@QuarkusTest
class CampaignRulesTest {
    private static final String LOCKED = "https://fairwise.dev/problems/campaign-locked";

    static List<Map<String, Object>> ruleChanges() {
        return List.of(
                Map.of("overlap", 3),
                Map.of("criteria", List.of(Map.of("name", "accuracy", "question", "Which is more accurate?"))),
                Map.of("strength_required", true),
                Map.of("rationale_required", true),
                Map.of("pairing_strategy", "cross_model"),
                Map.of("pairing_strategy", "vs_baseline", "baseline_model", "model-x"),
                Map.of("per_prompt_cap", 5),
                Map.of("pairing_seed", 42));
    }

    @ParameterizedTest
    @MethodSource("ruleChanges")
    void aRuleCannotChangeOnceTheCampaignHasLeftDraft(Map<String, Object> change) {
        String slug = Fixtures.activeCampaign("locked", Map.of());
        String before = campaign(slug).asString();
        patch(slug, change)
                .then()
                .statusCode(409)
                .body("type", equalTo(LOCKED))
                .body("detail", containsString(change.keySet().iterator().next()));
        assertThat(campaign(slug).asString()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("ruleChanges")
    void aDraftsRulesCanChange(Map<String, Object> change) {
        String slug = Fixtures.createCampaign("draft-rules", Map.of());
        patch(slug, change).then().statusCode(200);
    }

    @Test
    void aPausedCampaignsRulesAreLockedToo() {
        String slug = Fixtures.activeCampaign("paused-rules", Map.of());
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/admin/campaigns/{slug}/pause", slug)
                .then()
                .statusCode(200);
        patch(slug, Map.of("overlap", 2)).then().statusCode(409).body("type", equalTo(LOCKED));
    }

    @Test
    void titleInstructionsAndLeaseTimeStayEditableAndSendingARuleUnchangedIsFine() {
        String slug = Fixtures.activeCampaign("editable", Map.of("overlap", 2));
        patch(slug, Map.of("title", "New title", "instructions", "New words.", "lease_seconds", 900, "overlap", 2))
                .then()
                .statusCode(200)
                .body("title", equalTo("New title"))
                .body("guideline_version", equalTo(2))
                .body("lease_seconds", equalTo(900))
                .body("overlap", equalTo(2));
    }

    @Test
    void concurrentEditsAnswer200Or409NeverA5xx() throws Exception {
        String slug = Fixtures.createCampaign("concurrent", Map.of());
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                Map<String, Object> change = Map.of("title", "Writer " + i, "instructions", "Version by writer " + i);
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return patch(slug, change).statusCode();
                        },
                        pool));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200, 409).contains(200);
            int accepted = (int) statuses.stream().filter(s -> s == 200).count();
            // every accepted edit made exactly one guideline version
            campaign(slug).then().body("guideline_version", equalTo(1 + accepted));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentTitleEditsAreDecidedByTheVersionCheckAndOneWriterWins() throws Exception {
        String slug = Fixtures.activeCampaign("concurrent-title", Map.of());
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String title = "Title by writer " + i;
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return patch(slug, Map.of("title", title)).statusCode();
                        },
                        pool));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int status = answers.get(i).get();
                assertThat(status).isIn(200, 409);
                if (status == 200) {
                    winners.add("Title by writer " + i);
                }
            }
            assertThat(winners).isNotEmpty();
            String stored = campaign(slug).then().statusCode(200).extract().path("title");
            assertThat(winners).contains(stored);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response patch(String slug, Map<String, Object> change) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(change)
                .patch("/api/v1/admin/campaigns/{slug}", slug);
    }

    private static Response campaign(String slug) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/campaigns/{slug}", slug);
    }
}
