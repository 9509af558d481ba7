package dev.fairwise.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Ingest throughput through the real broker: produces N completions (4 models per prompt, all_pairs) for a
 * fresh campaign and measures the time until the service has stored and paired all of them. Runs against
 * a running service (the local run); prints each run and the median. See deploy/bench/README.md.
 */
public final class IngestBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        String base = System.getenv().getOrDefault("FAIRWISE", "http://localhost:8080");
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String token = System.getenv("ADMIN_TOKEN");
        int completions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (token == null) {
            System.err.println("set ADMIN_TOKEN (source .fairwise-local/tokens.env)");
            System.exit(2);
        }
        HttpClient http = HttpClient.newHttpClient();
        List<Double> rates = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double rate = once(http, bootstrap, base, token, completions);
            rates.add(rate);
            System.out.printf(
                    "run %d: %d completions stored and paired = %.0f completions/s%n", run, completions, rate);
        }
        Collections.sort(rates);
        System.out.printf("median of %d runs: %.0f completions/s%n", runs, rates.get(rates.size() / 2));
    }

    /**
     * Produces {@code completions} completions for a fresh campaign and answers completions/s from the first
     * send until the service has stored and paired them all.
     */
    static double once(HttpClient http, String bootstrap, String base, String token, int completions) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            String slug = "bench-ingest-" + UUID.randomUUID().toString().substring(0, 8);
            post(
                    http,
                    base + "/api/v1/admin/campaigns",
                    token,
                    JSON.writeValueAsString(Map.of(
                            "slug", slug, "title", "Ingest benchmark", "instructions", "n/a", "per_prompt_cap", 6)));
            post(http, base + "/api/v1/admin/campaigns/" + slug + "/activate", token, null);
            long start = System.nanoTime();
            for (int i = 0; i < completions; i++) {
                int prompt = i / 4;
                Map<String, Object> record = Map.of(
                        "completion_id",
                        slug + "-c" + i,
                        "campaign",
                        slug,
                        "prompt_id",
                        slug + "-p" + prompt,
                        "prompt",
                        List.of(Map.of(
                                "role",
                                "user",
                                "content",
                                "Benchmark prompt number " + prompt + ": explain something.")),
                        "model",
                        "model-" + (i % 4),
                        "response",
                        List.of(Map.of("role", "assistant", "content", "A response of moderate length. ".repeat(10))));
                producer.send(new ProducerRecord<>(
                        "fairwise.completions.v1", slug + "-p" + prompt, JSON.writeValueAsString(record)));
            }
            producer.flush();
            Awaitility.await()
                    .atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> progress(http, base, token, slug) >= completions);
            return progress(http, base, token, slug) / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long progress(HttpClient http, String base, String token, String slug) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/campaigns/" + slug + "/progress"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("completions").asLong();
    }

    private static void post(HttpClient http, String url, String token, String body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status >= 300) {
            throw new IllegalStateException(url + " answered " + status);
        }
    }
}
