package dev.fairwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The quality demo: a campaign {@code demo-quality} (overlap 3, two criteria, strength required, a fifth of
 * leases tried on gold first) with 20 prompts of two completions each, sent over REST, and 6 gold items from
 * {@code deploy/local/sample-quality.json}; then four scripted raters judge every item they can, and the
 * campaign's quality report is read, written to {@code quality-report.json} and summed up for the banner.
 *
 * <p>Carol, Dan and Erin give each item's intended verdict (the file's, about {@code response_a} and
 * {@code response_b}) but for one lapse each; Finn gives another answer on every item but one and misses
 * every gold item, so the report raises a review about him. The sizes follow the report's minimums: a rater's
 * agreement with the consensus can raise a review only over 10 comparisons whose other judgments agree, and
 * gold accuracy shows only from 5 gold judgments, so 20 prompts (about 15 each at overlap 3 among four) and 6
 * gold items. Other raters and campaigns are untouched, so the README's tour of the other demos stays true.
 */
final class DemoQualityRound {
    static final String SLUG = "demo-quality";
    static final List<String> RATERS = List.of("rater-carol", "rater-dan", "rater-erin", "rater-finn");
    private static final String CARELESS = "rater-finn";
    /** The one prompt on which Finn gives the intended verdict. */
    private static final String FINN_RIGHT = "q01";
    /** One lapse per careful rater: the prompt (or gold prompt) and the answer given instead. */
    private static final Map<String, Map<String, String>> LAPSES = Map.of(
            "rater-carol", Map.of("q05", "tie"),
            "rater-dan", Map.of("q10", "a", "Give an example of an even number.", "a"),
            "rater-erin", Map.of("q14", "tie"));

    private static final long SEED = 20_261_128L;
    /**
     * Raters stop asking once every gold item is judged, or after this many "nothing for you" in a row: gold
     * is tried on a fifth of leases, so missing one that is left this many times running is one chance in a
     * million.
     */
    private static final int IDLE_LEASES = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("deploy", "local", "sample-quality.json");

    private final HttpClient http;
    private final String base;
    private final String admin;

    /** What the round leaves: the report as read, and lines for the banner. */
    record Result(JsonNode report, List<String> summary) {}

    /** An item as the script knows it: the texts shown, and the answer the careful raters give. */
    private record Known(
            String id, String responseA, String responseB, String verdict, String strength, boolean gold) {}

    private DemoQualityRound(HttpClient http, String base, String admin) {
        this.http = http;
        this.base = base;
        this.admin = admin;
    }

    /**
     * Creates and loads the campaign, runs the round with the raters' tokens (by login), reads the report and
     * writes it to {@code home/quality-report.json}. A second local run finds every comparison complete and
     * only reads the report again.
     */
    static Result run(HttpClient http, String base, String admin, Map<String, String> raterTokens, Path home)
            throws IOException, InterruptedException {
        return new DemoQualityRound(http, base, admin).run(raterTokens, home);
    }

    private Result run(Map<String, String> tokens, Path home) throws IOException, InterruptedException {
        JsonNode sample = JSON.readTree(SAMPLE.toFile());
        Map<String, Known> known = new LinkedHashMap<>();
        int created = call("POST", "/admin/campaigns", admin, campaign()).status();
        if (created != 201 && created != 409) {
            throw new IOException("creating the demo campaign " + SLUG + " answered " + created);
        }
        call("POST", "/admin/campaigns/" + SLUG + "/activate", admin, null);
        List<Map<String, Object>> completions = new ArrayList<>();
        for (JsonNode p : sample.path("prompts")) {
            String id = p.path("prompt_id").asText();
            known.put(
                    p.path("prompt").asText(),
                    new Known(
                            id,
                            p.path("response_a").asText(),
                            p.path("response_b").asText(),
                            p.path("verdict").asText(),
                            p.path("strength").asText("clear"),
                            false));
            for (String slot : List.of("a", "b")) {
                completions.add(Map.of(
                        "completion_id",
                        "dq-" + id + "-" + slot,
                        "campaign",
                        SLUG,
                        "prompt_id",
                        "dq-" + id,
                        "prompt",
                        p.path("prompt").asText(),
                        "model",
                        "demo-model-" + slot,
                        "response",
                        p.path("response_" + slot).asText()));
            }
        }
        // REST answers once each record is stored and paired, so the round can start at once
        Reply batch = call("POST", "/completions", admin, Map.of("completions", completions));
        if (batch.status() != 200) {
            throw new IOException("sending the quality demo's completions answered " + batch.status());
        }
        JsonNode gold = sample.path("gold");
        int goldHeld = call("GET", "/admin/campaigns/" + SLUG + "/gold", admin, null)
                .body()
                .path("total")
                .asInt();
        for (int i = 0; i < gold.size(); i++) {
            JsonNode g = gold.get(i);
            known.put(
                    g.path("prompt").asText(),
                    new Known(
                            g.path("prompt").asText(),
                            g.path("response_a").asText(),
                            g.path("response_b").asText(),
                            g.path("verdict").asText(),
                            "clear",
                            true));
            // a gold item has no key of its own, so a second run adds only what the first did not
            if (i >= goldHeld
                    && call("POST", "/admin/campaigns/" + SLUG + "/gold", admin, g)
                                    .status()
                            != 201) {
                throw new IOException("adding a gold item to " + SLUG + " failed");
            }
        }
        JsonNode progress = call("GET", "/admin/campaigns/" + SLUG + "/progress", admin, null)
                .body();
        long started = System.nanoTime();
        int judged = 0;
        if (progress.path("comparisons").path("open").asInt() > 0) {
            judged = judgeAll(tokens, known, gold.size());
        }
        long roundMs = (System.nanoTime() - started) / 1_000_000;

        JsonNode report = call("GET", "/admin/campaigns/" + SLUG + "/quality", admin, null)
                .body();
        Files.writeString(
                home.resolve("quality-report.json"),
                JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
        return new Result(report, summary(report, tokens, judged, roundMs, known.size() - gold.size(), gold.size()));
    }

    private static Map<String, Object> campaign() {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("slug", SLUG);
        campaign.put("title", "Demo: quality of a scripted round");
        campaign.put(
                "instructions",
                String.join(
                        "\n",
                        "# Which response is better?",
                        "",
                        "Short factual and everyday questions. Pick the response that answers correctly and helpfully;",
                        "say tie when both are equally good, both_bad when neither is acceptable.",
                        "",
                        "Four scripted demo raters judge this campaign when the local run starts."));
        campaign.put(
                "criteria",
                List.of(
                        Map.of("name", "helpfulness", "question", "Which response helps the user more?"),
                        Map.of("name", "accuracy", "question", "Which response is more accurate?")));
        campaign.put("strength_required", true);
        campaign.put("rationale_required", false);
        campaign.put("overlap", 3);
        campaign.put("pairing_strategy", "all_pairs");
        campaign.put("per_prompt_cap", 6);
        campaign.put("lease_seconds", 600);
        campaign.put("gold_share", 0.2);
        campaign.put("pay", DemoData.pay("per_judgment", "0.50", 90));
        return campaign;
    }

    /**
     * The raters take turns, one lease each, until none has anything left; turns keep the overlap shared out
     * evenly, so each rater judges about three quarters of the comparisons. Answers the judgments made.
     */
    private int judgeAll(Map<String, String> tokens, Map<String, Known> known, int goldItems)
            throws IOException, InterruptedException {
        Map<String, int[]> idleAndGold = new LinkedHashMap<>();
        RATERS.forEach(r -> idleAndGold.put(r, new int[2]));
        int judged = 0;
        while (!idleAndGold.isEmpty()) {
            for (String rater : List.copyOf(idleAndGold.keySet())) {
                int[] counts = idleAndGold.get(rater);
                Reply lease = call("POST", "/campaigns/" + SLUG + "/assignments", tokens.get(rater), null);
                if (lease.status() == 204) {
                    if (++counts[0] >= IDLE_LEASES || counts[1] >= goldItems) {
                        idleAndGold.remove(rater);
                    }
                    continue;
                }
                if (lease.status() != 201 && lease.status() != 200) {
                    throw new IOException(
                            rater + "'s lease in " + SLUG + " answered " + lease.status() + " " + lease.body());
                }
                counts[0] = 0;
                JsonNode shown = lease.body();
                JsonNode prompt = shown.path("prompt");
                Known item =
                        known.get(prompt.get(prompt.size() - 1).path("content").asText());
                if (item == null) {
                    throw new IOException("the quality demo leased an item it does not know: " + shown);
                }
                if (item.gold()) {
                    counts[1]++;
                }
                Random random = new Random(SEED ^ (rater + "|" + item.id()).hashCode());
                // The rater's reading time, simulated (there is no condition to await: active time is wall time the
                // service measures). Without it active time is request latency alone, and a rater a few
                // milliseconds quicker than the rest would read as rushing (fast_ratio).
                Thread.sleep(20 + random.nextInt(20));
                Map<String, Object> judgment = judgment(rater, item, shown.path("responses"), random);
                String id = shown.path("id").asText();
                int status = call("POST", "/assignments/" + id + "/judgment", tokens.get(rater), judgment)
                        .status();
                if (status != 201 && status != 200) {
                    throw new IOException(rater + "'s judgment in " + SLUG + " answered " + status);
                }
                judged++;
            }
        }
        return judged;
    }

    /**
     * A rater's answer, in the slots shown: the intended verdict is about {@code response_a} and
     * {@code response_b}, and the lease may show them either way round, so the slot is found by its text.
     */
    private static Map<String, Object> judgment(String rater, Known item, JsonNode responses, Random random) {
        String shownA = responses.path("a").path(0).path("content").asText();
        String intended = answer(rater, item);
        // Finn, unsure, takes whatever is shown first; the others' tie and both_bad need no slot
        String winner = switch (intended) {
            case "a" -> shownA.equals(item.responseA()) ? "a" : "b";
            case "b" -> shownA.equals(item.responseB()) ? "a" : "b";
            case "first" -> "a";
            default -> intended;
        };
        Map<String, Object> judgment = new LinkedHashMap<>();
        judgment.put("winner", winner);
        boolean decisive = winner.equals("a") || winner.equals("b");
        if (decisive) {
            List<String> scale = List.of("negligible", "slight", "clear", "strong");
            int level = CARELESS.equals(rater) ? 3 : scale.indexOf(item.strength());
            // careful raters do not always agree on how much better: one in four says one step less
            judgment.put("strength", scale.get(random.nextInt(4) == 0 ? level - 1 : level));
        }
        String slot = decisive ? winner : "tie";
        // a clear-cut item is a matter of fact (accuracy follows the verdict); the rest differ in helpfulness only
        String accuracy = CARELESS.equals(rater) || "strong".equals(item.strength()) ? slot : "tie";
        judgment.put("criteria", Map.of("helpfulness", slot, "accuracy", accuracy));
        return judgment;
    }

    /** The intended answer about response_a/response_b: a, b, tie, both_bad, or first (the slot shown first). */
    private static String answer(String rater, Known item) {
        if (!CARELESS.equals(rater)) {
            return LAPSES.getOrDefault(rater, Map.of()).getOrDefault(item.id(), item.verdict());
        }
        if (FINN_RIGHT.equals(item.id())) {
            return item.verdict();
        }
        return switch (item.verdict()) {
            case "a" -> "b";
            case "b" -> "a";
            default -> "first";
        };
    }

    /** The banner's lines: agreement on the verdict, one line per rater, the reviews raised. */
    private List<String> summary(
            JsonNode report, Map<String, String> tokens, int judged, long roundMs, int prompts, int goldItems)
            throws IOException, InterruptedException {
        JsonNode verdict = report.path("verdict");
        List<String> lines = new ArrayList<>();
        lines.add(" Quality demo '" + SLUG + "': " + prompts + " prompts (overlap 3) and " + goldItems
                + " gold items; "
                + (judged > 0 ? judged + " judgments scripted in " + roundMs + " ms" : "judged earlier")
                + " by " + String.join(", ", RATERS) + ".");
        lines.add("   verdict       alpha (nominal) " + estimate(verdict.path("alpha_nominal")) + ", percent agreement "
                + estimate(verdict.path("percent_agreement")) + ", Fleiss' kappa "
                + estimate(verdict.path("fleiss_kappa")));
        // the report names raters by pseudonym only; each rater's own figures say which pseudonym is theirs
        Map<String, String> logins = new LinkedHashMap<>();
        for (String rater : RATERS) {
            for (JsonNode c :
                    call("GET", "/me/quality", tokens.get(rater), null).body().path("campaigns")) {
                if (SLUG.equals(c.path("campaign").asText())) {
                    logins.put(c.path("figures").path("rater").asText(), rater);
                }
            }
        }
        List<JsonNode> rows = new ArrayList<>();
        report.path("raters").forEach(rows::add);
        rows.sort(java.util.Comparator.comparing(
                row -> RATERS.indexOf(logins.getOrDefault(row.path("rater").asText(), ""))));
        for (JsonNode row : rows) {
            String pseudonym = row.path("rater").asText();
            lines.add(String.format(
                    "   %-13s %s: %d judgments (%d gold), consensus agreement %s, gold accuracy %s",
                    logins.getOrDefault(pseudonym, "?"),
                    pseudonym,
                    row.path("judgments").asLong(),
                    row.path("gold_judgments").asLong(),
                    proportion(row.path("consensus_agreement")),
                    proportion(row.path("gold_accuracy"))));
        }
        List<String> reviews = new ArrayList<>();
        for (JsonNode review : call("GET", "/admin/campaigns/" + SLUG + "/reviews", admin, null)
                .body()
                .path("items")) {
            List<String> reasons = new ArrayList<>();
            review.path("reasons").forEach(r -> reasons.add(r.asText()));
            String rater = review.path("rater").asText();
            reviews.add(logins.getOrDefault(rater, rater) + " (" + String.join(", ", reasons) + "), "
                    + review.path("state").asText());
        }
        lines.add("   reviews       " + report.path("reviews_raised").size() + " raised by this read; in the campaign: "
                + (reviews.isEmpty() ? "none" : String.join("; ", reviews)));
        lines.add("   report        .fairwise-local/quality-report.json; read it again with");
        lines.add("     curl -s -H \"Authorization: Bearer $ADMIN_TOKEN\" $FAIRWISE/api/v1/admin/campaigns/" + SLUG
                + "/quality");
        return lines;
    }

    private static String estimate(JsonNode e) {
        if (e.path("value").isMissingNode() || e.path("value").isNull()) {
            return "n/a (" + e.path("note").asText("no value") + ")";
        }
        return e.path("low").isNumber()
                ? String.format(
                        "%.2f [%.2f, %.2f]",
                        e.path("value").asDouble(),
                        e.path("low").asDouble(),
                        e.path("high").asDouble())
                : String.format("%.2f", e.path("value").asDouble());
    }

    private static String proportion(JsonNode p) {
        return p.isMissingNode() || p.isNull()
                ? "n/a"
                : String.format(
                        "%.2f (%d/%d)",
                        p.path("value").asDouble(),
                        p.path("successes").asLong(),
                        p.path("trials").asLong());
    }

    /** A response's status and JSON body (empty when there is none). */
    private record Reply(int status, JsonNode body) {}

    private Reply call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (path.endsWith("/judgment")) {
            // the assignment id is a natural idempotency key: a retried submit is answered, not judged twice
            request.header("Idempotency-Key", path.split("/")[2]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Reply(
                response.statusCode(), text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
    }
}
