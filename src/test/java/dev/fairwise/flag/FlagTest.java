package dev.fairwise.flag;

import static dev.fairwise.support.Rating.leaseId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Raters flag items they were given, admins answer by pseudonym, and a flag never counts against anyone. */
@QuarkusTest
class FlagTest {
    private static final String PROBLEMS = "https://fairwise.dev/problems/";

    @Inject
    Pseudonyms pseudonyms;

    @Test
    void aFlagOnALiveItemDoesNotJudgeItAndTheLeaseStaysLiveAndCanBeSubmitted() {
        String rater = login("live");
        String campaign = Rating.campaignWithComparisons("flag-live", 2, Map.of());
        String id = leaseId(rater, campaign);
        String deadline = Rating.get(rater, id).then().extract().path("lease_deadline");

        flag(rater, id, Map.of("kind", "broken_item", "note", "response b is cut off"))
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("campaign", equalTo(campaign))
                .body("assignment_id", equalTo(id))
                .body("kind", equalTo("broken_item"))
                .body("note", equalTo("response b is cut off"))
                .body("answer", nullValue())
                .body("answered_at", nullValue());

        Rating.get(rater, id)
                .then()
                .statusCode(200)
                .body("state", equalTo("live"))
                .body("lease_deadline", equalTo(deadline));
        // asking for work answers the same live lease: the flag did not give it back
        Rating.lease(rater, campaign).then().statusCode(200).body("id", equalTo(id));
        Rating.submit(rater, id, Map.of("winner", "a")).then().statusCode(201);
        // and what comes next is leased as usual
        Rating.lease(rater, campaign).then().statusCode(201);
    }

    @Test
    void aFlagOnALiveLeaseCountsAsActivity() {
        MovableClock clock = MovableClock.install();
        String rater = login("active");
        String campaign = Rating.campaignWithComparisons("flag-active", 1, Map.of("lease_seconds", 3600));
        String id = leaseId(rater, campaign);
        clock.advance(Duration.ofMinutes(4));
        flag(rater, id, Map.of("kind", "unclear_guideline")).then().statusCode(201);
        clock.advance(Duration.ofMinutes(4));
        // without the flag the 8 minutes would count only up to the 5-minute idle cut-off
        Rating.submit(rater, id, Map.of("winner", "b"))
                .then()
                .statusCode(201)
                .body("active_ms", equalTo(8 * 60 * 1000));
    }

    @Test
    void aFlagOnASubmittedOrSkippedAssignmentIsAcceptedAndChangesNothing() {
        String rater = login("ended");
        String campaign = Rating.campaignWithComparisons("flag-ended", 2, Map.of());
        String submitted = leaseId(rater, campaign);
        Rating.submit(rater, submitted, Map.of("winner", "tie")).then().statusCode(201);
        String skipped = leaseId(rater, campaign);
        Rating.skip(rater, skipped, Map.of("reason", "cannot_judge")).then().statusCode(200);

        flag(rater, submitted, Map.of("kind", "distressing")).then().statusCode(201);
        flag(rater, skipped, Map.of("kind", "other", "note", "the prompt asks for medical advice"))
                .then()
                .statusCode(201)
                .body("kind", equalTo("other"));

        Rating.get(rater, submitted).then().body("state", equalTo("submitted"));
        Rating.get(rater, skipped).then().body("state", equalTo("skipped"));
        assertThat(flagsOn(submitted) + flagsOn(skipped)).isEqualTo(2);
    }

    @Test
    void anotherRatersAssignmentIsA404LikeAnUnknownOneAndStoresNothing() {
        String owner = login("owner");
        String intruder = login("intruder");
        String campaign = Rating.campaignWithComparisons("flag-bola", 1, Map.of());
        String owned = leaseId(owner, campaign);
        String unknown = UUID.randomUUID().toString();

        Map<String, Object> theirs = flag(intruder, owned, Map.of("kind", "broken_item"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .as(Map.class);
        Map<String, Object> none = flag(intruder, unknown, Map.of("kind", "broken_item"))
                .then()
                .statusCode(404)
                .extract()
                .as(Map.class);
        // the same body, but for the id the caller sent
        assertThat(theirs.toString().replace(owned, "ID"))
                .isEqualTo(none.toString().replace(unknown, "ID"));
        assertThat(flagsOn(owned)).isZero();
        Rating.get(owner, owned).then().body("state", equalTo("live"));
    }

    @Test
    void otherWithoutANoteIsA400NamingNoteAndStoresNothing() {
        String rater = login("bad");
        String campaign = Rating.campaignWithComparisons("flag-bad", 1, Map.of());
        String id = leaseId(rater, campaign);

        flag(rater, id, Map.of("kind", "other"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("errors.field", hasItem("note"));
        flag(rater, id, Map.of("kind", "other", "note", "   ")).then().statusCode(400);
        flag(rater, id, Map.of("kind", "broken_item", "note", "x".repeat(501)))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("note"));
        flag(rater, id, Map.of("kind", "broken_item", "note", "nul \u0000 here"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("note"));
        flag(rater, id, Map.of("kind", "sleepy")).then().statusCode(400).body("errors.field", hasItem("kind"));
        flag(rater, id, Map.of("note", "no kind")).then().statusCode(400).body("errors.field", hasItem("kind"));
        flag(rater, id, Map.of("kind", "broken_item", "severity", "high"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("severity"));

        assertThat(flagsOn(id)).isZero();
        Rating.get(rater, id).then().body("state", equalTo("live"));
    }

    @Test
    void theAdminQueueNamesTheRaterByPseudonymAndNeverByLogin() {
        String rater = login("hidden");
        String campaign = Rating.campaignWithComparisons("flag-queue", 1, Map.of());
        String id = leaseId(rater, campaign);
        String flagId = flag(rater, id, Map.of("kind", "unclear_guideline", "note", "what counts as harmful?"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        String body = queue(campaign, null)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(flagId))
                .body("items[0].campaign", equalTo(campaign))
                .body("items[0].assignment_id", equalTo(id))
                .body("items[0].comparison_id", equalTo(comparisonOf(id)))
                .body("items[0].rater", equalTo(pseudonyms.of(rater)))
                .body("items[0].kind", equalTo("unclear_guideline"))
                .body("items[0].note", equalTo("what counts as harmful?"))
                .body("items[0].answer", nullValue())
                .extract()
                .asString();
        assertThat(body).doesNotContain(rater);
    }

    @Test
    void aCampaignWithPerCampaignPseudonymsShowsItsOwnPseudonym() {
        String rater = login("unlinked");
        String campaign = Rating.campaignWithComparisons("flag-unlinked", 1, Map.of());
        // the API field that sets this comes with another change; the column exists (V7)
        Sql.update("update campaign set pseudonyms = 'per_campaign' where slug = ?", campaign);
        String id = leaseId(rater, campaign);
        flag(rater, id, Map.of("kind", "distressing")).then().statusCode(201);

        String shown = queue(campaign, null).then().statusCode(200).extract().path("items[0].rater");
        assertThat(shown).isEqualTo(pseudonyms.of(rater, campaign, true)).isNotEqualTo(pseudonyms.of(rater));
    }

    @Test
    void theAdminAnswersAndTheRaterReadsTheAnswer() {
        String rater = login("asker");
        String campaign = Rating.campaignWithComparisons("flag-answer", 1, Map.of());
        String id = leaseId(rater, campaign);
        String flagId = flag(rater, id, Map.of("kind", "unclear_guideline", "note", "is a refusal helpful?"))
                .then()
                .extract()
                .path("id");

        answer(flagId, "A polite refusal of a harmful request is the helpful answer.")
                .then()
                .statusCode(200)
                .body("id", equalTo(flagId))
                .body("rater", equalTo(pseudonyms.of(rater)))
                .body("answer", equalTo("A polite refusal of a harmful request is the helpful answer."))
                .body("answered_at", notNullValue());

        ownFlags(rater, "")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(flagId))
                .body("items[0].campaign", equalTo(campaign))
                .body("items[0].assignment_id", equalTo(id))
                .body("items[0].kind", equalTo("unclear_guideline"))
                .body("items[0].note", equalTo("is a refusal helpful?"))
                .body("items[0].answer", equalTo("A polite refusal of a harmful request is the helpful answer."))
                .body("items[0].answered_at", notNullValue());
        // answered flags leave the open queue
        queue(campaign, null).then().body("total", equalTo(0));
        queue(campaign, "answered").then().body("items[0].id", equalTo(flagId));
        queue(campaign, "all").then().body("total", equalTo(1));
    }

    @Test
    void answeringTwiceIsA409AndAnUnknownFlagIsA404() {
        String rater = login("twice");
        String campaign = Rating.campaignWithComparisons("flag-twice", 1, Map.of());
        String flagId = flag(rater, leaseId(rater, campaign), Map.of("kind", "broken_item"))
                .then()
                .extract()
                .path("id");
        answer(flagId, "").then().statusCode(400).body("errors.field", hasItem("answer"));
        answer(flagId, "x".repeat(2001)).then().statusCode(400).body("errors.field", hasItem("answer"));
        answer(flagId, "Fixed; thank you.").then().statusCode(200);
        answer(flagId, "Fixed again.")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "flag-answered"));
        answer(UUID.randomUUID().toString(), "Hello?")
                .then()
                .statusCode(404)
                .body("type", equalTo(PROBLEMS + "not-found"));
        ownFlags(rater, "").then().body("items[0].answer", equalTo("Fixed; thank you."));
    }

    @Test
    void aRaterReadsOnlyTheirOwnFlagsNewestFirstOnePageAtATime() {
        MovableClock clock = MovableClock.install();
        String rater = login("mine");
        String other = login("theirs");
        String campaign = Rating.campaignWithComparisons("flag-mine", 2, Map.of());
        String id = leaseId(rater, campaign);
        flag(rater, id, Map.of("kind", "broken_item")).then().statusCode(201);
        clock.advance(Duration.ofSeconds(10));
        flag(rater, id, Map.of("kind", "distressing")).then().statusCode(201);
        flag(other, leaseId(other, campaign), Map.of("kind", "other", "note", "not yours to read"))
                .then()
                .statusCode(201);

        ownFlags(rater, "").then().body("total", equalTo(2)).body("items.kind", contains("distressing", "broken_item"));
        ownFlags(rater, "?size=1&page=1")
                .then()
                .body("page", equalTo(1))
                .body("size", equalTo(1))
                .body("total", equalTo(2))
                .body("items.kind", contains("broken_item"));
        ownFlags(rater, "?size=201").then().statusCode(400).body("errors.field", hasItem("size"));
    }

    @Test
    void theQueueOfAnUnknownCampaignIsA404AndAnUnknownStateA400() {
        queue("no-such-campaign", null).then().statusCode(404).contentType("application/problem+json");
        String campaign = Rating.campaignWithComparisons("flag-state", 1, Map.of());
        queue(campaign, "closed").then().statusCode(400).body("errors.field", hasItem("state"));
    }

    @Test
    void ratersCannotReadTheQueueOrAnswerAndAdminsCannotRaiseFlags() {
        String flagId = UUID.randomUUID().toString();
        given().auth()
                .oauth2(Tokens.rater(login("nosy")))
                .get("/api/v1/admin/campaigns/{slug}/flags", "any")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.rater(login("nosy")))
                .contentType(ContentType.JSON)
                .body(Map.of("answer", "mine now"))
                .post("/api/v1/admin/flags/{id}/answer", flagId)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "other", "note", "admin"))
                .post("/api/v1/assignments/{id}/flags", UUID.randomUUID())
                .then()
                .statusCode(403);
        given().get("/api/v1/me/flags").then().statusCode(401);
    }

    // ---- helpers

    /** A login no other test uses, so /me/flags and rate limits start empty. */
    private static String login(String prefix) {
        return "flagger-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response flag(String rater, String assignment, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.rater(rater))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/assignments/{id}/flags", assignment);
    }

    private static Response ownFlags(String rater, String query) {
        return given().auth().oauth2(Tokens.rater(rater)).get("/api/v1/me/flags" + query);
    }

    private static Response queue(String campaign, String state) {
        var request = given().auth().oauth2(Tokens.admin());
        if (state != null) {
            request.queryParam("state", state);
        }
        return request.get("/api/v1/admin/campaigns/{slug}/flags", campaign);
    }

    private static Response answer(String flag, String text) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("answer", text))
                .post("/api/v1/admin/flags/{id}/answer", flag);
    }

    private static long flagsOn(String assignment) {
        return (Long) Sql.value("select count(*) from flag where assignment_id = ?", UUID.fromString(assignment));
    }

    private static String comparisonOf(String assignment) {
        return Sql.value("select comparison_id from assignment where id = ?", UUID.fromString(assignment))
                .toString();
    }
}
