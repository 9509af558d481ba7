package dev.fairwise.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad query parameter is a 400 that names the parameter, whether it is out of range or not a number. */
@QuarkusTest
class QueryParameterTest {

    @ParameterizedTest
    @CsvSource({"page, -1", "page, abc", "size, 0", "size, 1e3", "page, 99999999999999999999"})
    void aBadPagingParameterOfTheCampaignListIsA400NamingIt(String parameter, String value) {
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam(parameter, value)
                .get("/api/v1/admin/campaigns")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem(parameter));
    }

    @ParameterizedTest
    @CsvSource({"page, abc", "size, -5", "size, x"})
    void aBadPagingParameterOfTheComparisonListIsA400NamingIt(String parameter, String value) {
        String slug = Fixtures.createCampaign("paging", Map.of());
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam(parameter, value)
                .get("/api/v1/admin/campaigns/{slug}/comparisons", slug)
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(parameter));
    }

    @ParameterizedTest
    @CsvSource({"limit, abc", "limit, 0", "limit, 1001"})
    void aBadLimitOfTheFailedOutboxListIsA400NamingIt(String parameter, String value) {
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam(parameter, value)
                .get("/api/v1/admin/outbox/failed")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(parameter));
    }
}
