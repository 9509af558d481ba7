package dev.fairwise.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The UI's pages and fragments over plain HTTP: what they carry, who may read them, and their headers. */
@QuarkusTest
class UiPagesTest {

    @Test
    void pagesAreServedWithoutATokenUnderAStrictContentSecurityPolicy() {
        for (String page : new String[] {"/", "/rate", "/sign-in", "/me", "/admin/leaderboard"}) {
            given().get(page)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Cache-Control", "no-store")
                    .body(containsString("/webjars/htmx.org/2.0.10/dist/htmx.min.js"))
                    .body(not(containsString("<script>")));
        }
    }

    @Test
    void htmxAndTheUiScriptComeFromThisService() {
        given().get("/webjars/htmx.org/2.0.10/dist/htmx.min.js")
                .then()
                .statusCode(200)
                .body(containsString("htmx"));
        given().get("/ui/app.js").then().statusCode(200).body(containsString("Authorization"));
        given().get("/ui/app.css").then().statusCode(200);
    }

    @Test
    void fragmentsNeedARaterToken() {
        given().get("/ui/campaigns").then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).get("/ui/me").then().statusCode(403);
        given().auth().oauth2(Tokens.rater("ui-frag")).get("/ui/me").then().statusCode(200);
    }

    @Test
    void anotherRatersAssignmentIsNotFound() {
        String campaign = Rating.campaignWithComparisons("ui-own", 1, Map.of());
        String id = Rating.leaseId("ui-holder", campaign);
        given().auth()
                .oauth2(Tokens.rater("ui-holder"))
                .get("/ui/assignments/{id}", id)
                .then()
                .statusCode(200)
                .body(containsString("data-assignment=\"" + id + "\""));
        given().auth()
                .oauth2(Tokens.rater("ui-stranger"))
                .get("/ui/assignments/{id}", id)
                .then()
                .statusCode(404);
    }

    @Test
    void theCampaignListEscapesTitlesAndRendersInstructionsSafely() {
        String campaign = Rating.campaignWithComparisons(
                "ui-list",
                1,
                Map.of(
                        "title",
                        "<b>Bold</b> & co",
                        "instructions",
                        "Prefer **safe** answers.\n\n<script>alert(1)</script>"));
        given().auth()
                .oauth2(Tokens.rater("ui-lister"))
                .get("/ui/campaigns")
                .then()
                .statusCode(200)
                .body(containsString("data-slug=\"" + campaign + "\""))
                .body(containsString("&lt;b&gt;Bold&lt;/b&gt; &amp; co"))
                .body(containsString("<strong>safe</strong>"))
                .body(not(containsString("<script>")));
    }
}
