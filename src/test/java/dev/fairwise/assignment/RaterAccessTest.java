package dev.fairwise.assignment;

import static dev.fairwise.support.Rating.leaseId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A rater sees and acts on their own assignments only, and never learns which model wrote what. */
@QuarkusTest
class RaterAccessTest {

    static Stream<Arguments> assignmentEndpoints() {
        BiFunction<RequestSpecification, String, Response> get = (spec, id) -> spec.get("/api/v1/assignments/{id}", id);
        BiFunction<RequestSpecification, String, Response> renew =
                (spec, id) -> spec.post("/api/v1/assignments/{id}/renew", id);
        BiFunction<RequestSpecification, String, Response> skip = (spec, id) -> spec.contentType(ContentType.JSON)
                .body(Map.of("reason", "cannot_judge"))
                .post("/api/v1/assignments/{id}/skip", id);
        BiFunction<RequestSpecification, String, Response> judge = (spec, id) -> spec.contentType(ContentType.JSON)
                .body(Map.of("winner", "a"))
                .post("/api/v1/assignments/{id}/judgment", id);
        return Stream.of(
                Arguments.of("get", get),
                Arguments.of("renew", renew),
                Arguments.of("skip", skip),
                Arguments.of("judgment", judge));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignmentEndpoints")
    void anotherRatersAssignmentIsA404LikeAnUnknownOne(
            String name, BiFunction<RequestSpecification, String, Response> call) {
        String campaign = Rating.campaignWithComparisons("bola", 1, Map.of());
        String owned = leaseId("owner", campaign);
        String theirs = call.apply(given().auth().oauth2(Tokens.rater("intruder")), owned)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .path("title");
        String unknown = call.apply(
                        given().auth().oauth2(Tokens.rater("intruder")),
                        UUID.randomUUID().toString())
                .then()
                .statusCode(404)
                .extract()
                .path("title");
        assertThat(theirs).isEqualTo(unknown);
        // and the owner's assignment is untouched
        Rating.get("owner", owned).then().statusCode(200).body("state", equalTo("live"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assignmentEndpoints")
    void withoutATokenIs401AndAnAdminTokenIs403(String name, BiFunction<RequestSpecification, String, Response> call) {
        String id = UUID.randomUUID().toString();
        call.apply(given(), id).then().statusCode(401).contentType("application/problem+json");
        call.apply(given().auth().oauth2(Tokens.admin()), id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void leasingAndListingNeedTheRaterRole() {
        given().post("/api/v1/campaigns/x1/assignments").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/v1/campaigns/x1/assignments")
                .then()
                .statusCode(403);
        given().get("/api/v1/campaigns").then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/campaigns").then().statusCode(403);
    }

    @Test
    void noRaterResponseRevealsAModelOrCompletionId() {
        String campaign = Rating.campaignWithComparisons("blind", 1, Map.of());
        var lease = Rating.lease("blinky", campaign).then().statusCode(201).extract();
        String id = lease.path("id");
        String bodies = lease.asString()
                + Rating.get("blinky", id).asString()
                + Rating.renew("blinky", id).asString()
                + given().auth()
                        .oauth2(Tokens.rater("blinky"))
                        .get("/api/v1/campaigns")
                        .asString()
                + Rating.submit("blinky", id, Map.of("winner", "a")).asString();
        assertThat(bodies).doesNotContain("model-x", "model-y", campaign + "-p0-x", campaign + "-p0-y", "completion");
    }

    @Test
    void openCampaignsShowInstructionsAndWorkLeft() {
        String campaign = Rating.campaignWithComparisons("open", 2, Map.of("overlap", 3));
        given().auth()
                .oauth2(Tokens.rater("olga"))
                .get("/api/v1/campaigns")
                .then()
                .statusCode(200)
                .body("slug", hasItem(campaign))
                .body("find { it.slug == '" + campaign + "' }.judgments_left", equalTo(6))
                .body("find { it.slug == '" + campaign + "' }.instructions", equalTo("Pick the more helpful response."))
                .body("find { it.slug == '" + campaign + "' }.guideline_version", equalTo(1));
    }
}
