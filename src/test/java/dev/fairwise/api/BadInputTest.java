package dev.fairwise.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairwise.support.Rating;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that takes a body gets every kind of bad input: always a 4xx problem+json, never a 5xx,
 * and not one row written anywhere (counted before and after).
 */
@QuarkusTest
public class BadInputTest {
    private static final List<String> TABLES = List.of(
            "campaign", "campaign_guideline", "prompt", "completion", "comparison", "assignment", "judgment", "outbox");

    @Inject
    Mutiny.SessionFactory sessions;

    @io.quarkus.test.common.http.TestHTTPResource
    java.net.URL base;

    /** Bodies that no endpoint accepts (also sent by the fault suite to the packaged service). */
    public static Map<String, byte[]> badBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("malformed", utf8("{\"winner\": "));
        bodies.put("trailing garbage", utf8("{} {}"));
        bodies.put("array", utf8("[1, 2, 3]"));
        bodies.put("string", utf8("\"hello\""));
        bodies.put("null", utf8("null"));
        bodies.put("empty", new byte[0]);
        bodies.put(
                "wrong types", utf8("{\"slug\": 5, \"title\": [], \"winner\": 7, \"completions\": {}, \"reason\": 1}"));
        bodies.put("unknown field", utf8("{\"surprise\": true}"));
        bodies.put("huge number", utf8("{\"overlap\": 99999999999999999999999999, \"per_prompt_cap\": 1e400}"));
        bodies.put("invalid utf-8", new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.put("deep nesting", utf8("[".repeat(5000) + "]".repeat(5000)));
        bodies.put("oversized body", utf8("{\"title\": \"" + "x".repeat(17_000_000) + "\"}"));
        bodies.put(
                "oversized strings",
                utf8("{\"slug\": \"" + "s".repeat(60_000) + "\", \"winner\": \"a\", \"rationale\": \""
                        + "r".repeat(3000) + "\", \"reason\": \"other\", \"note\": \"" + "n".repeat(600) + "\"}"));
        bodies.put(
                "nul character",
                utf8("{\"winner\": \"a\", \"rationale\": \"\\u0000\", \"reason\": \"other\", \"note\": \"\\u0000\"}"));
        return bodies;
    }

    @Test
    void badBodiesAreRejectedWithoutAWrite() {
        String campaign = Rating.campaignWithComparisons("bad-input", 2, Map.of("rationale_required", true));
        String assignment = Rating.leaseId("owner", campaign);
        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> body : badBodies().entrySet()) {
            check(
                    failures,
                    body.getKey() + " -> create campaign",
                    send(Tokens.admin(), "POST", "/api/v1/admin/campaigns", body.getValue()));
            check(
                    failures,
                    body.getKey() + " -> update campaign",
                    send(Tokens.admin(), "PATCH", "/api/v1/admin/campaigns/" + campaign, body.getValue()));
            check(
                    failures,
                    body.getKey() + " -> ingest batch",
                    send(Tokens.admin(), "POST", "/api/v1/completions", body.getValue()));
            check(
                    failures,
                    body.getKey() + " -> skip",
                    send(
                            Tokens.rater("owner"),
                            "POST",
                            "/api/v1/assignments/" + assignment + "/skip",
                            body.getValue()));
            check(
                    failures,
                    body.getKey() + " -> judgment",
                    send(
                            Tokens.rater("owner"),
                            "POST",
                            "/api/v1/assignments/" + assignment + "/judgment",
                            body.getValue()));
            check(
                    failures,
                    body.getKey() + " -> someone else's judgment",
                    send(
                            Tokens.rater("intruder"),
                            "POST",
                            "/api/v1/assignments/" + assignment + "/judgment",
                            body.getValue()));
        }
        for (String id : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..%2Fetc")) {
            check(
                    failures,
                    "assignment id " + id,
                    send(Tokens.rater("owner"), "GET", "/api/v1/assignments/" + id, null));
            check(
                    failures,
                    "renew " + id,
                    send(Tokens.rater("owner"), "POST", "/api/v1/assignments/" + id + "/renew", null));
            check(failures, "campaign " + id, send(Tokens.admin(), "GET", "/api/v1/admin/campaigns/" + id, null));
            check(
                    failures,
                    "lease in " + id,
                    send(Tokens.rater("owner"), "POST", "/api/v1/campaigns/" + id + "/assignments", null));
        }
        assertThat(failures).isEmpty();
        assertThat(counts()).isEqualTo(before);
        Rating.get("owner", assignment).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("live"));
    }

    /** A status and a content type. */
    private record Answer(int status, String type) {}

    private static void check(List<String> failures, String what, Answer answer) {
        if (answer.status() < 400
                || answer.status() >= 500
                || answer.type() == null
                || !answer.type().startsWith("application/problem+json")) {
            failures.add(what + ": " + answer.status() + " " + answer.type());
        }
    }

    private Answer send(String token, String method, String path, byte[] body) {
        if (body != null && body.length > 1_000_000) {
            return sendLarge(token, method, path, body);
        }
        var spec = given().auth().oauth2(token).urlEncodingEnabled(false);
        if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        Response response = spec.request(method, path);
        return new Answer(response.statusCode(), response.contentType());
    }

    /**
     * A body over every limit is answered 413 before the service reads it, and the connection is closed:
     * sent with a client that reads the answer while it is still sending, as browsers and java.net.http do.
     */
    private Answer sendLarge(String token, String method, String path, byte[] body) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base.toString().replaceAll("/$", "") + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (java.io.IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(
                    table,
                    sessions.withSession(s -> s.createNativeQuery("select count(*) from " + table, Long.class)
                                    .getSingleResult())
                            .await()
                            .atMost(Duration.ofSeconds(10)));
        }
        return counts;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
