package dev.fairwise.faults;

import dev.fairwise.api.BadInputTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6 against the packaged service: every endpoint that takes a body gets every bad body of
 * {@link BadInputTest#badBodies()}, and the rest get ids that are malformed or not the caller's. Every
 * answer must be a 4xx problem+json, and no table may gain or lose a row.
 */
final class BadInputScenario {
    private static final List<String> TABLES = List.of(
            "campaign", "campaign_guideline", "prompt", "completion", "comparison", "assignment", "judgment", "outbox");

    private BadInputScenario() {}

    record Result(Summary.Row row, List<String> details) {}

    static Result run(FaultStack stack, String campaign) throws Exception {
        String base = stack.replica(0).baseUrl();
        String admin = stack.admin();
        String owner = stack.rater("bad-owner-" + campaign);
        String intruder = stack.rater("bad-intruder-" + campaign);
        String assignment = Api.send("POST", base + "/api/v1/campaigns/" + campaign + "/assignments", owner, null)
                .path("id")
                .asText();
        Map<String, Long> before = counts(stack);
        List<String> details = new ArrayList<>();
        int[] answered = new int[3]; // 4xx problem+json, wrong answer, no answer
        for (Map.Entry<String, byte[]> body : BadInputTest.badBodies().entrySet()) {
            String name = body.getKey();
            byte[] bytes = body.getValue();
            check(
                    details,
                    answered,
                    name + " -> create campaign",
                    Api.call("POST", base + "/api/v1/admin/campaigns", admin, bytes, Map.of()));
            check(
                    details,
                    answered,
                    name + " -> update campaign",
                    Api.call("PATCH", base + "/api/v1/admin/campaigns/" + campaign, admin, bytes, Map.of()));
            check(
                    details,
                    answered,
                    name + " -> ingest batch",
                    Api.call("POST", base + "/api/v1/completions", admin, bytes, Map.of()));
            check(
                    details,
                    answered,
                    name + " -> skip",
                    Api.call("POST", base + "/api/v1/assignments/" + assignment + "/skip", owner, bytes, Map.of()));
            check(
                    details,
                    answered,
                    name + " -> judgment",
                    Api.call("POST", base + "/api/v1/assignments/" + assignment + "/judgment", owner, bytes, Map.of()));
            check(
                    details,
                    answered,
                    name + " -> someone else's judgment",
                    Api.call(
                            "POST",
                            base + "/api/v1/assignments/" + assignment + "/judgment",
                            intruder,
                            bytes,
                            Map.of()));
        }
        for (String id : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..%2Fetc")) {
            check(
                    details,
                    answered,
                    "assignment " + id,
                    Api.call("GET", base + "/api/v1/assignments/" + id, owner, null, Map.of()));
            check(
                    details,
                    answered,
                    "renew " + id,
                    Api.call("POST", base + "/api/v1/assignments/" + id + "/renew", owner, null, Map.of()));
            check(
                    details,
                    answered,
                    "campaign " + id,
                    Api.call("GET", base + "/api/v1/admin/campaigns/" + id, admin, null, Map.of()));
            check(
                    details,
                    answered,
                    "lease in " + id,
                    Api.call("POST", base + "/api/v1/campaigns/" + id + "/assignments", owner, null, Map.of()));
        }
        check(
                details,
                answered,
                "someone else's assignment",
                Api.call("GET", base + "/api/v1/assignments/" + assignment, intruder, null, Map.of()));
        // Oversized bodies of unknown length (chunked), 20 of them at 60 MiB each offered: each is refused as
        // soon as it passes the endpoint's limit, so the service's memory does not grow with them.
        ServiceProcess service = stack.replica(0);
        long rssBefore = service.rssMib();
        for (int i = 0; i < 20; i++) {
            check(
                    details,
                    answered,
                    "chunked 60 MiB skip " + i,
                    Api.callChunked(base + "/api/v1/assignments/" + assignment + "/skip", owner, 60L << 20));
        }
        long rssGrowth = service.rssMib() - rssBefore;
        if (rssGrowth > 16) {
            details.add("RSS grew by " + rssGrowth + " MiB across 20 oversized chunked bodies");
        }
        Map<String, Long> after = counts(stack);
        long changed =
                TABLES.stream().filter(t -> !before.get(t).equals(after.get(t))).count();
        if (changed > 0) {
            details.add("row counts changed: before " + before + ", after " + after);
        }
        Summary.Row row = new Summary.Row(
                "6. bad input to every endpoint",
                "0",
                String.valueOf(answered[0] + answered[1]),
                String.valueOf(answered[2]),
                0,
                0,
                "n/a",
                answered[1] + answered[2] + changed,
                "n/a",
                answered[0] + " × 4xx problem+json; tables with changed row counts: " + changed
                        + "; RSS growth across 20 chunked 60 MiB bodies: " + rssGrowth + " MiB"
                        + (details.isEmpty() ? "" : "; " + details.subList(0, Math.min(5, details.size()))));
        return new Result(row, details);
    }

    private static void check(List<String> details, int[] answered, String what, Api.Answer answer) {
        if (answer.status() >= 400 && answer.status() < 500 && answer.problemJson()) {
            answered[0]++;
        } else if (answer.status() <= 0) {
            answered[2]++;
            details.add(what + ": no answer (" + answer.body() + ")");
        } else {
            answered[1]++;
            details.add(what + ": " + answer.status() + (answer.problemJson() ? " problem+json" : " not problem+json"));
        }
    }

    private static Map<String, Long> counts(FaultStack stack) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = stack.postgres().connect()) {
            for (String table : TABLES) {
                counts.put(table, Audit.single(db, "select count(*) from " + table));
            }
        }
        return counts;
    }
}
