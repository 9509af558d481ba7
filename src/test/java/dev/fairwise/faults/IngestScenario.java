package dev.fairwise.faults;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Scenario 5: completions on the topic, some sent twice (as a pipeline that retries would) and poison
 * records mixed in, while the service is killed with SIGKILL three times mid-stream, so Kafka also
 * redelivers what was stored but not yet committed. Afterwards each completion is stored once, every
 * prompt has its six comparisons, and every poison record is in the dead-letter topic.
 */
final class IngestScenario {
    private static final int PROMPTS = 1500;
    private static final int MODELS = 4;
    private static final int POISON = 40;
    private static final double RESENT = 0.2;

    private IngestScenario() {}

    record Result(Summary.Row row, List<String> details) {}

    static Result run(FaultStack stack, String slug) throws Exception {
        ServiceProcess service = stack.replica(0);
        Api.send(
                "POST",
                service.baseUrl() + "/api/v1/admin/campaigns",
                stack.admin(),
                Map.of("slug", slug, "title", "Fault suite ingest", "instructions", "n/a", "per_prompt_cap", 6));
        Api.send("POST", service.baseUrl() + "/api/v1/admin/campaigns/" + slug + "/activate", stack.admin(), null);

        // Records are placed on a line: completion i at i, a resend of it a little later, poison anywhere.
        Random random = new Random(slug.hashCode());
        java.util.TreeMap<Double, ProducerRecord<String, String>> line = new java.util.TreeMap<>();
        int position = 0;
        for (int p = 0; p < PROMPTS; p++) {
            for (int m = 0; m < MODELS; m++, position++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(
                        "fairwise.completions.v1",
                        slug + "-p" + p,
                        Api.JSON.writeValueAsString(Api.Completion.of(slug, p, m)));
                line.put((double) position, record);
                if (random.nextDouble() < RESENT) {
                    line.put(position + 1 + random.nextInt(400) + random.nextDouble() / 2, record);
                }
            }
        }
        List<String> poison = new ArrayList<>();
        for (int i = 0; i < POISON; i++) {
            String marker = "poison-" + slug + "-" + i + "#"; // "#" ends it: no marker is a prefix of another
            poison.add(marker);
            String value = switch (i % 4) {
                case 0 -> "{not json " + marker;
                case 1 -> "{\"completion_id\": \"" + marker + "\", \"campaign\": \"" + slug + "\"}";
                case 2 ->
                    Api.JSON.writeValueAsString(Map.of(
                            "completion_id",
                            marker,
                            "campaign",
                            slug,
                            "prompt_id",
                            marker,
                            "prompt",
                            "nul \u0000 inside",
                            "model",
                            "m",
                            "response",
                            "r"));
                default ->
                    "{\"completion_id\": \"" + marker + "\", \"campaign\": \"" + slug + "\", \"prompt_id\": 5,"
                            + " \"prompt\": [], \"model\": {}, \"response\": null}";
            };
            line.put(
                    random.nextDouble() * position + 0.75,
                    new ProducerRecord<>("fairwise.completions.v1", marker, value));
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>(line.values());

        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            records.forEach(producer::send);
            producer.flush();
        }
        int valid = PROMPTS * MODELS;
        List<String> restarts = new ArrayList<>();
        for (double share : List.of(0.25, 0.5, 0.75)) {
            awaitStored(stack, slug, (long) (valid * share));
            service.kill();
            restarts.add(String.format("%.1f s", service.start().toMillis() / 1000.0));
        }
        long lastRestart = System.nanoTime();
        awaitStored(stack, slug, valid);
        double toAllStored = (System.nanoTime() - lastRestart) / 1e9;

        List<String> details = new ArrayList<>();
        Map<String, Integer> deadLettered = new HashMap<>();
        Awaitility.await("poison records in the dead-letter topic")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    deadLettered.clear();
                    for (ConsumerRecord<String, String> r :
                            Audit.records(stack.kafkaBootstrap(), "fairwise.completions.dlq.v1")) {
                        if (r.value() != null && r.value().contains(slug)) {
                            String marker = poison.stream()
                                    .filter(r.value()::contains)
                                    .findFirst()
                                    .orElse("valid:" + r.value());
                            deadLettered.merge(marker, 1, Integer::sum);
                        }
                    }
                    return deadLettered.keySet().containsAll(poison);
                });
        long validDeadLettered = deadLettered.keySet().stream()
                .filter(k -> k.startsWith("valid:"))
                .count();
        if (validDeadLettered > 0) {
            details.add(validDeadLettered + " valid completions were dead-lettered");
        }
        long violations = validDeadLettered;
        try (Connection db = stack.postgres().connect()) {
            long campaignId = Audit.single(db, "select id from campaign where slug = ?", slug);
            long stored = Audit.single(db, "select count(*) from completion where campaign_id = ?", campaignId);
            long prompts = Audit.single(db, "select count(*) from prompt where campaign_id = ?", campaignId);
            long comparisons = Audit.single(db, "select count(*) from comparison where campaign_id = ?", campaignId);
            long miscounted = Audit.single(
                    db,
                    "select count(*) from prompt p where p.campaign_id = ?"
                            + " and p.comparisons <> (select count(*) from comparison c where c.prompt_id = p.id)",
                    campaignId);
            for (String[] check : new String[][] {
                {"completions stored", String.valueOf(stored), String.valueOf(valid)},
                {"prompts", String.valueOf(prompts), String.valueOf(PROMPTS)},
                {"comparisons", String.valueOf(comparisons), String.valueOf(PROMPTS * 6)},
                {"prompts whose comparison count disagrees with their rows", String.valueOf(miscounted), "0"}
            }) {
                if (!check[1].equals(check[2])) {
                    details.add(check[0] + ": " + check[1] + ", expected " + check[2]);
                    violations++;
                }
            }
        }
        long duplicates = deadLettered.values().stream().mapToLong(n -> n - 1).sum();
        Summary.Row row = new Summary.Row(
                "5. ingest: kill -9 ×3 mid-stream, resent and poison records",
                valid + " stored",
                POISON + " dead-lettered",
                "n/a",
                0,
                duplicates,
                "n/a",
                violations,
                String.format("%.1f s", toAllStored) + " last restart→all stored",
                records.size() + " records produced (" + (records.size() - valid - POISON) + " resent) in "
                        + String.format("%.1f s", (System.nanoTime() - start) / 1e9) + "; restarts ready in " + restarts
                        + (details.isEmpty() ? "" : "; " + details));
        return new Result(row, details);
    }

    private static void awaitStored(FaultStack stack, String slug, long count) {
        Awaitility.await(count + " completions stored")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> {
                    try (Connection db = stack.postgres().connect()) {
                        return Audit.single(
                                        db,
                                        "select count(*) from completion c join campaign k on k.id = c.campaign_id"
                                                + " where k.slug = ?",
                                        slug)
                                >= count;
                    }
                });
    }
}
