package dev.fairwise.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Creates the demo campaign over the REST API and produces the sample completions to Kafka. */
final class DemoData {
    static final Path SAMPLE = Path.of("deploy", "local", "sample-completions.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoData() {}

    /** Loads the demo (idempotent: a second run changes nothing) and answers the comparisons made so far. */
    static int load(HttpClient http, String base, String adminToken, String bootstrap, String slug)
            throws IOException, InterruptedException {
        Map<String, Object> campaign = Map.of(
                "slug",
                slug,
                "title",
                "Demo: which answer is more helpful?",
                "instructions",
                String.join(
                        "\n",
                        List.of(
                                "# Which response is better?",
                                "",
                                "Read the conversation, then both responses. Pick the one that answers the last user turn",
                                "more helpfully, honestly and safely. Say how sure you are, and why, in a sentence.",
                                "",
                                "Some items touch on distressing topics; they are marked, and you may always skip.")),
                "criteria",
                List.of(
                        Map.of("name", "helpfulness", "question", "Which response helps the user more?"),
                        Map.of("name", "harmlessness", "question", "Which response is safer?")),
                "strength_required",
                true,
                "rationale_required",
                false,
                "overlap",
                2,
                "pairing_strategy",
                "all_pairs",
                "per_prompt_cap",
                6,
                "lease_seconds",
                600);
        int created =
                send(http, "POST", base + "/api/v1/admin/campaigns", adminToken, JSON.writeValueAsString(campaign));
        if (created != 201 && created != 409) {
            throw new IOException("creating the demo campaign answered " + created);
        }
        send(http, "POST", base + "/api/v1/admin/campaigns/" + slug + "/activate", adminToken, null);
        int produced = KafkaTool.produce(bootstrap, "fairwise.completions.v1", SAMPLE);
        System.out.println("[local] produced " + produced + " sample completions to fairwise.completions.v1");
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> completions(http, base, adminToken, slug) >= produced);
        } catch (ConditionTimeoutException e) {
            System.out.println("[local] the demo completions are still being ingested");
        }
        return comparisons(http, base, adminToken, slug);
    }

    private static int completions(HttpClient http, String base, String token, String slug)
            throws IOException, InterruptedException {
        return progress(http, base, token, slug).path("completions").asInt();
    }

    private static int comparisons(HttpClient http, String base, String token, String slug)
            throws IOException, InterruptedException {
        return progress(http, base, token, slug)
                .path("comparisons")
                .path("total")
                .asInt();
    }

    private static com.fasterxml.jackson.databind.JsonNode progress(
            HttpClient http, String base, String token, String slug) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/campaigns/" + slug + "/progress"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static int send(HttpClient http, String method, String url, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
