package dev.fairwise.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * New instructions come with a changelog line raters see on the campaign list, and reading them is paid: from
 * opening them until acknowledging them (or leasing the first item under them), up to 10 minutes.
 */
@QuarkusTest
class GuidelineReadingTest {

    private static Response change(String slug, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/api/v1/admin/campaigns/{slug}", slug);
    }

    private static Response open(String rater, String slug) {
        return given().auth().oauth2(Tokens.rater(rater)).get("/api/v1/campaigns/{slug}/guideline", slug);
    }

    private static Response acknowledge(String rater, String slug) {
        return given().auth().oauth2(Tokens.rater(rater)).post("/api/v1/campaigns/{slug}/guideline/acknowledge", slug);
    }

    @Test
    void ratersSeeTheChangelogAndArePaidForReadingUntilTheyAcknowledge() {
        MovableClock clock = MovableClock.install();
        String slug = Fixtures.activeCampaign("changelog", Map.of());
        change(slug, Map.of("instructions", "Ties are fine now.", "changelog", "Ties are allowed"))
                .then()
                .statusCode(200)
                .body("guideline_version", equalTo(2));
        String mine = "find { it.slug == '" + slug + "' }";
        given().auth()
                .oauth2(Tokens.rater("gil"))
                .get("/api/v1/campaigns")
                .then()
                .body(mine + ".guideline_changelog", equalTo("Ties are allowed"))
                .body(mine + ".guideline_acknowledged", equalTo(false));
        open("gil", slug)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("changelog", equalTo("Ties are allowed"));
        clock.advance(Duration.ofMinutes(3));
        acknowledge("gil", slug).then().statusCode(200).body("reading_paid_ms", equalTo(180_000));
        acknowledge("gil", slug).then().statusCode(200).body("reading_paid_ms", equalTo(0));
        given().auth()
                .oauth2(Tokens.rater("gil"))
                .get("/api/v1/campaigns")
                .then()
                .body(mine + ".guideline_acknowledged", equalTo(true));
        assertThat(Sql.value("select paid_ms from pay_entry where rater = 'gil' and kind = 'guideline'"))
                .isEqualTo(180_000L);
    }

    @Test
    void readingIsPaidUpToTheCap() {
        MovableClock clock = MovableClock.install();
        String slug = Fixtures.activeCampaign("long-read", Map.of());
        open("lena", slug).then().statusCode(200);
        clock.advance(Duration.ofMinutes(30));
        acknowledge("lena", slug).then().statusCode(200).body("reading_paid_ms", equalTo(600_000));
    }

    @Test
    void leasingTheFirstItemUnderOpenedInstructionsAcknowledgesThem() {
        MovableClock clock = MovableClock.install();
        String slug = Rating.campaignWithComparisons("read-then-lease", 1, Map.of());
        open("leo", slug).then().statusCode(200);
        clock.advance(Duration.ofMinutes(2));
        Rating.leaseId("leo", slug);
        assertThat(Sql.value("select paid_ms from pay_entry where rater = 'leo' and kind = 'guideline'"))
                .isEqualTo(120_000L);
    }

    @Test
    void aChangelogWithoutNewInstructionsIsRefused() {
        String slug = Fixtures.activeCampaign("no-change", Map.of());
        change(slug, Map.of("changelog", "Nothing really"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("changelog"));
    }
}
