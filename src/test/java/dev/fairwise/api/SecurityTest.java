package dev.fairwise.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every admin endpoint answers 401 without a valid token and 403 to a rater, as problem+json. */
@QuarkusTest
class SecurityTest {

    static Stream<Arguments> adminEndpoints() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/admin/campaigns"),
                Arguments.of("GET", "/api/v1/admin/campaigns"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1"),
                Arguments.of("PATCH", "/api/v1/admin/campaigns/x1"),
                Arguments.of("POST", "/api/v1/admin/campaigns/x1/activate"),
                Arguments.of("POST", "/api/v1/admin/campaigns/x1/pause"),
                Arguments.of("POST", "/api/v1/admin/campaigns/x1/resume"),
                Arguments.of("POST", "/api/v1/admin/campaigns/x1/close"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/guidelines"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/guidelines/1"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/progress"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/comparisons"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/flags"),
                Arguments.of("POST", "/api/v1/admin/flags/00000000-0000-0000-0000-000000000001/answer"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/reviews"),
                Arguments.of("GET", "/api/v1/admin/reviews/00000000-0000-0000-0000-000000000001"),
                Arguments.of("POST", "/api/v1/admin/reviews/00000000-0000-0000-0000-000000000001/decision"),
                Arguments.of("POST", "/api/v1/admin/reviews/00000000-0000-0000-0000-000000000001/reversal"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/pay"),
                Arguments.of("POST", "/api/v1/admin/campaigns/x1/gold"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/gold"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/transparency"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/dataset-card"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/leaderboard"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/leaderboard.svg"),
                Arguments.of("GET", "/api/v1/admin/campaigns/x1/export"),
                Arguments.of("GET", "/api/v1/admin/raters/r-00/statement"),
                Arguments.of("GET", "/api/v1/admin/outbox/failed"),
                Arguments.of("POST", "/api/v1/admin/outbox/failed/retry"),
                Arguments.of("POST", "/api/v1/completions"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminEndpoints")
    void withoutATokenIs401(String method, String path) {
        call(given(), method, path)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://fairwise.dev/problems/unauthenticated"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminEndpoints")
    void withAForgedOrExpiredTokenIs401(String method, String path) {
        call(given().auth().oauth2(Tokens.signedByStranger()), method, path)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        call(given().auth().oauth2(Tokens.expired()), method, path)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminEndpoints")
    void aRaterIs403(String method, String path) {
        call(given().auth().oauth2(Tokens.rater("rita")), method, path)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://fairwise.dev/problems/forbidden"));
    }

    private static io.restassured.response.Response call(RequestSpecification spec, String method, String path) {
        return spec.contentType("application/json")
                .body(method.equals("GET") ? "" : "{}")
                .request(method, path);
    }
}
