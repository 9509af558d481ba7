package dev.fairwise.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Reads what the service stored, through the admin API. */
public final class Progress {
    private Progress() {}

    public static JsonPath of(String campaign) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/progress", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the campaign has {@code completions} stored completions. */
    public static JsonPath awaitCompletions(String campaign, int completions) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> of(campaign).getInt("completions") >= completions);
        return of(campaign);
    }

    /** All comparisons of a campaign. */
    public static List<Map<String, Object>> comparisons(String campaign) {
        return given().auth()
                .oauth2(Tokens.admin())
                .queryParam("size", 500)
                .get("/api/v1/admin/campaigns/{slug}/comparisons", campaign)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }
}
