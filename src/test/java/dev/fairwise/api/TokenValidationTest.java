package dev.fairwise.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only tokens issued for Fairwise are accepted: right issuer, our audience, a subject, and roles under
 * Fairwise's own names. Each refusal is a problem+json 401 or 403 and writes nothing.
 */
@QuarkusTest
class TokenValidationTest {

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refusedToCreateACampaign(claims("admin-1", Tokens.ADMIN_ROLE).audience("another-app"), 401);
    }

    @Test
    void aTokenWithoutAudienceIsRefused() {
        refusedToCreateACampaign(
                Jwt.issuer(Tokens.ISSUER)
                        .subject("admin-1")
                        .groups(Set.of(Tokens.ADMIN_ROLE))
                        .expiresIn(Duration.ofHours(1)),
                401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        refusedToCreateACampaign(
                Jwt.issuer("https://idp.example/other")
                        .audience(Tokens.AUDIENCE)
                        .subject("admin-1")
                        .groups(Set.of(Tokens.ADMIN_ROLE))
                        .expiresIn(Duration.ofHours(1)),
                401);
    }

    @Test
    void anotherApplicationsAdminIsNotOurAdmin() {
        refusedToCreateACampaign(claims("admin-1", "admin"), 403);
    }

    @Test
    void aTokenWithoutSubjectIsRefusedAndLeasesNothing() {
        String campaign = Rating.campaignWithComparisons("no-sub", 1, Map.of());
        String token = Tokens.sign(Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .upn("someone")
                .groups(Set.of(Tokens.RATER_ROLE))
                .expiresIn(Duration.ofHours(1)));
        given().auth()
                .oauth2(token)
                .post("/api/v1/campaigns/{slug}/assignments", campaign)
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://fairwise.dev/problems/unauthenticated"));
        // the comparison is still free for a real rater
        Rating.leaseId("real-rater", campaign);
    }

    @Test
    void anotherApplicationsRaterCannotLease() {
        String campaign = Rating.campaignWithComparisons("other-rater", 1, Map.of("overlap", 1));
        given().auth()
                .oauth2(Tokens.sign(claims("imposter", "rater")))
                .post("/api/v1/campaigns/{slug}/assignments", campaign)
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        Rating.leaseId("real-rater", campaign);
    }

    /** A verified token is remembered (api/CachedTokenParser), but never past its own expiry. */
    @Test
    void aTokenAcceptedBeforeIsRefusedOnceItExpires() {
        String token = Tokens.sign(Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .subject("short-lived")
                .groups(Set.of(Tokens.RATER_ROLE))
                .expiresAt(java.time.Instant.now().plusSeconds(2).getEpochSecond()));
        given().auth().oauth2(token).get("/api/v1/campaigns").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/campaigns").then().statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        given().auth().oauth2(token).get("/api/v1/campaigns").statusCode() == 401);
    }

    private static JwtClaimsBuilder claims(String subject, String... groups) {
        return Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .subject(subject)
                .groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1));
    }

    private static void refusedToCreateACampaign(JwtClaimsBuilder claims, int status) {
        String slug = Fixtures.uniqueSlug("refused");
        given().auth()
                .oauth2(Tokens.sign(claims))
                .contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "title", "T", "instructions", "I"))
                .post("/api/v1/admin/campaigns")
                .then()
                .statusCode(status)
                .contentType(Problem.MEDIA_TYPE);
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(404);
    }
}
