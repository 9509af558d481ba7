package dev.fairwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint's body limit holds for bodies of unknown length too (chunked transfer encoding): the
 * service answers 413 problem+json once the limit is passed, without reading the rest, and writes nothing.
 */
@QuarkusTest
class BodyLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource
    URL base;

    @Test
    void aChunkedSkipBodyOverTheLimitIs413BeforeTheRestIsSent() throws Exception {
        String campaign = Rating.campaignWithComparisons("chunked-skip", 1, Map.of());
        String id = Rating.leaseId("chad", campaign);
        // 60 MiB offered, as in the report that found it; the service must stop long before
        HttpResponse<String> response = post(
                "/api/v1/assignments/" + id + "/skip",
                Tokens.rater("chad"),
                endless("{\"reason\":\"other\",\"note\":\"", 60 << 20));
        assertTooLarge(response);
        Rating.get("chad", id).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("live"));
    }

    @Test
    void aChunkedCampaignBodyOverTheLimitIs413AndCreatesNothing() throws Exception {
        String slug = Fixtures.uniqueSlug("chunked-big");
        HttpResponse<String> response = post(
                "/api/v1/admin/campaigns",
                Tokens.admin(),
                endless("{\"slug\":\"" + slug + "\",\"title\":\"t\",\"instructions\":\"", 200_000));
        assertTooLarge(response);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}", slug)
                .then()
                .statusCode(404);
    }

    @Test
    void aChunkedBatchOverItsLargerLimitIs413() throws Exception {
        HttpResponse<String> response =
                post("/api/v1/completions", Tokens.admin(), endless("{\"completions\":[\"", 20 << 20));
        assertTooLarge(response);
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadAsUsual() throws Exception {
        String slug = Fixtures.uniqueSlug("chunked-ok");
        byte[] body = ("{\"slug\":\"" + slug + "\",\"title\":\"t\",\"instructions\":\"" + "y".repeat(30_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(
                "/api/v1/admin/campaigns",
                Tokens.admin(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        assertThat(response.statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> post(String path, String token, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(body) // an InputStream publisher has no length: the client sends it chunked
                .build();
        // HTTP/1.1 (a body of unknown length goes chunked) and a connection of its own: the service closes the
        // connection after refusing a body, and a shared HTTP/2 connection would take the next test's request
        // down with it (GOAWAY)
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooLarge(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://fairwise.dev/problems/body-too-large");
    }

    /** A JSON prefix followed by {@code size} bytes of one long string, produced as it is read. */
    private static HttpRequest.BodyPublisher endless(String prefix, long size) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            private final byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
            private long position;

            @Override
            public int read() {
                if (position >= head.length + size) {
                    return -1;
                }
                return position < head.length ? head[(int) position++] : (position++ % 64 == 0 ? 'z' : 'a');
            }
        });
    }
}
