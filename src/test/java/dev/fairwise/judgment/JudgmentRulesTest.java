package dev.fairwise.judgment;

import static dev.fairwise.support.Rating.leaseId;
import static dev.fairwise.support.Rating.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a judgment must contain, and what repeating one does. */
@QuarkusTest
class JudgmentRulesTest {
    private static final Map<String, Object> STRICT = Map.of(
            "criteria", List.of(Map.of("name", "helpfulness", "question", "Which helps more?")),
            "strength_required", true,
            "rationale_required", true);

    static Stream<Arguments> invalidJudgments() {
        return Stream.of(
                Arguments.of(
                        Map.of("strength", "clear", "criteria", Map.of("helpfulness", "a"), "rationale", "r"),
                        "winner"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "c",
                                "strength",
                                "clear",
                                "criteria",
                                Map.of("helpfulness", "a"),
                                "rationale",
                                "r"),
                        "winner"),
                Arguments.of(
                        Map.of("winner", "a", "criteria", Map.of("helpfulness", "a"), "rationale", "r"), "strength"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "tie",
                                "strength",
                                "clear",
                                "criteria",
                                Map.of("helpfulness", "a"),
                                "rationale",
                                "r"),
                        "strength"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "a",
                                "strength",
                                "huge",
                                "criteria",
                                Map.of("helpfulness", "a"),
                                "rationale",
                                "r"),
                        "strength"),
                Arguments.of(Map.of("winner", "a", "strength", "clear", "rationale", "r"), "criteria.helpfulness"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "a",
                                "strength",
                                "clear",
                                "criteria",
                                Map.of("helpfulness", "a", "speed", "b"),
                                "rationale",
                                "r"),
                        "criteria.speed"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "a",
                                "strength",
                                "clear",
                                "criteria",
                                Map.of("helpfulness", "both_bad"),
                                "rationale",
                                "r"),
                        "criteria.helpfulness"),
                Arguments.of(
                        Map.of("winner", "a", "strength", "clear", "criteria", Map.of("helpfulness", "a")),
                        "rationale"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "a",
                                "strength",
                                "clear",
                                "criteria",
                                Map.of("helpfulness", "a"),
                                "rationale",
                                "x".repeat(2001)),
                        "rationale"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "a",
                                "strength",
                                "clear",
                                "criteria",
                                Map.of("helpfulness", "a"),
                                "rationale",
                                "r",
                                "flags",
                                List.of(Map.of("kind", "other", "note", "n".repeat(501)))),
                        "flags[0].note"),
                Arguments.of(
                        Map.of(
                                "winner",
                                "a",
                                "strength",
                                "clear",
                                "criteria",
                                Map.of("helpfulness", "a"),
                                "rationale",
                                "r",
                                "model",
                                "x"),
                        "model"));
    }

    @ParameterizedTest
    @MethodSource("invalidJudgments")
    void anInvalidJudgmentIsA400AndTheLeaseStaysLive(Map<String, Object> judgment, String field) {
        String campaign = Rating.campaignWithComparisons("invalid", 1, STRICT);
        String id = leaseId("ivy", campaign);
        submit("ivy", id, judgment)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
        Rating.get("ivy", id).then().body("state", equalTo("live"));
        assertThat(Progress.of(campaign).getInt("judgments.received")).isZero();
    }

    @Test
    void aValidStrictJudgmentWithFlagsIsAccepted() {
        String campaign = Rating.campaignWithComparisons("strict", 1, STRICT);
        String id = leaseId("sol", campaign);
        submit(
                        "sol",
                        id,
                        Map.of(
                                "winner",
                                "b",
                                "strength",
                                "slight",
                                "criteria",
                                Map.of("helpfulness", "b"),
                                "rationale",
                                "Shorter.",
                                "flags",
                                List.of(Map.of("kind", "unclear_guideline", "note", "What counts as helpful?"))))
                .then()
                .statusCode(201)
                .body("flags[0].kind", equalTo("unclear_guideline"));
    }

    @Test
    void theSameRequestRepeatedAnswersTheFirstResultAndPublishesOnce() {
        String campaign = Rating.campaignWithComparisons("repeat", 1, Map.of());
        String id = leaseId("rio", campaign);
        Map<String, Object> judgment = Map.of("winner", "a", "rationale", "clearer");
        String first =
                submit("rio", id, judgment).then().statusCode(201).extract().asString();
        var again = submit("rio", id, judgment)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract();
        assertThat(again.asString()).isEqualTo(first);
        given().auth()
                .oauth2(Tokens.rater("rio"))
                .header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON)
                .body(judgment)
                .post("/api/v1/assignments/{id}/judgment", id)
                .then()
                .statusCode(201);
        submit("rio", id, Map.of("winner", "b"))
                .then()
                .statusCode(409)
                .body("type", equalTo("https://fairwise.dev/problems/already-judged"));
        String judgmentId = io.restassured.path.json.JsonPath.from(first).getString("judgment_id");
        PreferencesTopic.awaitJudgments(java.util.Set.of(judgmentId), Duration.ofSeconds(30));
        // one outbox row was written, and once nothing of this campaign waits in the outbox, the whole topic
        // (read to its end, not to the first match) holds exactly one record of it
        assertThat(((Number) dev.fairwise.support.Sql.value(
                                "select count(*) from outbox where topic = 'fairwise.preferences.v1' and payload like ?",
                                "%\"campaign\":\"" + campaign + "\"%"))
                        .longValue())
                .isEqualTo(1);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> ((Number) dev.fairwise.support.Sql.value(
                                        "select count(*) from outbox where state <> 'sent' and payload like ?",
                                        "%\"campaign\":\"" + campaign + "\"%"))
                                .longValue()
                        == 0);
        var records = dev.fairwise.support.KafkaTestClient.readAll(
                        dev.fairwise.support.TestInfrastructure.kafkaBootstrapServers(), PreferencesTopic.TOPIC)
                .stream()
                .filter(r -> campaign.equals(
                        PreferencesTopic.json(r).path("campaign").asText()))
                .toList();
        assertThat(records).hasSize(1);
        assertThat(Progress.of(campaign).getInt("judgments.received")).isEqualTo(1);
    }

    @Test
    void theSameJudgmentSentEightTimesAtOnceIsAcceptedOnce() throws Exception {
        String campaign = Rating.campaignWithComparisons("burst", 1, Map.of());
        String id = leaseId("bea", campaign);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> submit("bea", id, Map.of("winner", "b"))));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var call : calls) {
                var response = call.get();
                assertThat(response.statusCode()).isEqualTo(201);
                ids.add(response.path("judgment_id"));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Progress.of(campaign).getInt("judgments.received")).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsAConflict() {
        String campaign = Rating.campaignWithComparisons("idem", 1, Map.of());
        String id = leaseId("ida", campaign);
        given().auth()
                .oauth2(Tokens.rater("ida"))
                .header("Idempotency-Key", "same-key")
                .contentType(ContentType.JSON)
                .body(Map.of("winner", "a"))
                .post("/api/v1/assignments/{id}/judgment", id)
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(Tokens.rater("ida"))
                .header("Idempotency-Key", "same-key")
                .contentType(ContentType.JSON)
                .body(Map.of("winner", "tie"))
                .post("/api/v1/assignments/{id}/judgment", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }
}
