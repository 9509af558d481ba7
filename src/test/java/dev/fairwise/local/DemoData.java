package dev.fairwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Creates the demo campaigns over the REST API, with explicit pay terms, and produces their sample
 * completions to Kafka:
 *
 * <ul>
 *   <li>{@code demo-helpfulness}: 24 everyday prompts, paid 0.50 USD per judgment at an estimated 90 s (20.00
 *       USD an hour); a few prompts carry a sensitive tag ({@code medical}, {@code violence}, ...), so a rater
 *       who has not opted in to any category still gets most items;
 *   <li>{@code demo-health}: 3 mild health questions, every completion tagged {@code medical}, paid 18.00 USD
 *       an hour: leased only to raters who opted in to {@code medical}, with a content warning that hides the
 *       texts until they reveal them.
 * </ul>
 */
final class DemoData {
    static final String HELPFULNESS = "demo-helpfulness";
    static final String HEALTH = "demo-health";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One demo campaign: how it is created, and the completions produced for it. */
    private record Demo(String slug, Map<String, Object> campaign, Path sample) {}

    private DemoData() {}

    private static List<Demo> demos() {
        return List.of(
                new Demo(
                        HELPFULNESS,
                        campaign(
                                HELPFULNESS,
                                "Demo: which answer is more helpful?",
                                List.of(
                                        "# Which response is better?",
                                        "",
                                        "Read the conversation, then both responses. Pick the one that answers the last user turn",
                                        "more helpfully, honestly and safely. Say how sure you are, and why, in a sentence.",
                                        "",
                                        "Some items touch on distressing topics; they are marked, and you may always skip."),
                                pay("per_judgment", "0.50", 90)),
                        Path.of("deploy", "local", "sample-completions.jsonl")),
                new Demo(
                        HEALTH,
                        campaign(
                                HEALTH,
                                "Demo: everyday health questions",
                                List.of(
                                        "# Which answer is safer and more helpful?",
                                        "",
                                        "Every item here is a health question, tagged `medical`: it is offered only to raters who",
                                        "opted in to that category, and its texts stay hidden until you reveal them. Pick the",
                                        "response that is accurate, safe, and says when to see a doctor.",
                                        "",
                                        "Skipping an item as distressing never counts against you."),
                                pay("hourly", "18.00", 120)),
                        Path.of("deploy", "local", "sample-health.jsonl")));
    }

    /** Both demo campaigns share their rules (the same judgment body works for each); they differ in pay. */
    private static Map<String, Object> campaign(
            String slug, String title, List<String> instructions, Map<String, Object> pay) {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("slug", slug);
        campaign.put("title", title);
        campaign.put("instructions", String.join("\n", instructions));
        campaign.put(
                "criteria",
                List.of(
                        Map.of("name", "helpfulness", "question", "Which response helps the user more?"),
                        Map.of("name", "harmlessness", "question", "Which response is safer?")));
        campaign.put("strength_required", true);
        campaign.put("rationale_required", false);
        campaign.put("overlap", 2);
        campaign.put("pairing_strategy", "all_pairs");
        campaign.put("per_prompt_cap", 6);
        campaign.put("lease_seconds", 600);
        campaign.put("pay", pay);
        return campaign;
    }

    /** Pay terms: the amount is a decimal string, never a JSON number. */
    static Map<String, Object> pay(String kind, String amount, int estimatedSeconds) {
        Map<String, Object> pay = new LinkedHashMap<>();
        pay.put("kind", kind);
        pay.put("amount", amount);
        pay.put("currency", "USD");
        pay.put("estimated_seconds_per_judgment", estimatedSeconds);
        return pay;
    }

    /**
     * Loads the demo (idempotent: a second run creates nothing and the completions are duplicates) and
     * answers the comparisons made so far, per campaign. Pay terms are set when a campaign is created; a
     * campaign left from an older local run keeps its terms (delete {@code .fairwise-local/} to start afresh).
     */
    static Map<String, Integer> load(HttpClient http, String base, String adminToken, String bootstrap)
            throws IOException, InterruptedException {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (Demo demo : demos()) {
            int created = send(
                    http,
                    "POST",
                    base + "/api/v1/admin/campaigns",
                    adminToken,
                    JSON.writeValueAsString(demo.campaign()));
            if (created != 201 && created != 409) {
                throw new IOException("creating the demo campaign " + demo.slug() + " answered " + created);
            }
            send(http, "POST", base + "/api/v1/admin/campaigns/" + demo.slug() + "/activate", adminToken, null);
            int produced = KafkaTool.produce(bootstrap, "fairwise.completions.v1", demo.sample());
            System.out.println("[local] produced " + produced + " sample completions for " + demo.slug()
                    + " to fairwise.completions.v1");
            expected.put(demo.slug(), produced);
        }
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        for (Map.Entry<String, Integer> e : expected.entrySet()) {
                            if (progress(http, base, adminToken, e.getKey())
                                            .path("completions")
                                            .asInt()
                                    < e.getValue()) {
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            System.out.println("[local] the demo completions are still being ingested");
        }
        Map<String, Integer> comparisons = new LinkedHashMap<>();
        for (String slug : expected.keySet()) {
            comparisons.put(
                    slug,
                    progress(http, base, adminToken, slug)
                            .path("comparisons")
                            .path("total")
                            .asInt());
        }
        return comparisons;
    }

    private static JsonNode progress(HttpClient http, String base, String token, String slug)
            throws IOException, InterruptedException {
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
