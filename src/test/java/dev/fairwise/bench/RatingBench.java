package dev.fairwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.local.DevKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Rating throughput against a running service (the local run): R raters, each in a closed loop of lease
 * then submit, for a measured window after a warm-up. Reports lease+submit cycles per second, p50/p99 of
 * each call, and the relay lag (commit to the record reaching a consumer of the preferences topic).
 * Usage: {@code deploy/bench/run.sh rating [RATERS] [SECONDS] [RUNS]}.
 */
public final class RatingBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RatingBench() {}

    record Result(
            double cyclesPerSecond,
            double leaseP50,
            double leaseP99,
            double submitP50,
            double submitP99,
            double lagP50,
            double lagP99) {}

    public static void main(String[] args) throws Exception {
        int raters = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String base = System.getenv().getOrDefault("FAIRWISE", "http://localhost:8080");
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        DevKeys keys = DevKeys.in(Path.of(".fairwise-local", "jwt"));
        String admin = keys.token("bench-admin", Duration.ofHours(2), DevKeys.ADMIN);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // enough work that no rater runs dry: 1,500 cycles/s for the whole run, three judgments a comparison
            int comparisonsWanted = Math.max(2000, 2500 * (seconds + 10) / 3);
            String campaign = setUp(http, base, admin, comparisonsWanted / 6 + 1);
            Result result = measure(http, base, bootstrap, keys, campaign, raters, seconds);
            results.add(result);
            System.out.printf(
                    "run %d: %d raters, %.0f cycles/s; lease p50 %.1f ms p99 %.1f ms; submit p50 %.1f ms p99 %.1f ms; relay lag p50 %.0f ms p99 %.0f ms%n",
                    run,
                    raters,
                    result.cyclesPerSecond(),
                    result.leaseP50(),
                    result.leaseP99(),
                    result.submitP50(),
                    result.submitP99(),
                    result.lagP50(),
                    result.lagP99());
        }
        System.out.printf(
                "median of %d runs: %.0f cycles/s; lease p50 %.1f ms p99 %.1f ms; submit p50 %.1f ms p99 %.1f ms; relay lag p99 %.0f ms%n",
                runs,
                median(results, Result::cyclesPerSecond),
                median(results, Result::leaseP50),
                median(results, Result::leaseP99),
                median(results, Result::submitP50),
                median(results, Result::submitP99),
                median(results, Result::lagP99));
    }

    static String setUp(HttpClient http, String base, String admin, int prompts) throws Exception {
        String slug = "bench-rating-" + UUID.randomUUID().toString().substring(0, 8);
        send(
                http,
                "POST",
                base + "/api/v1/admin/campaigns",
                admin,
                Map.of(
                        "slug",
                        slug,
                        "title",
                        "Rating benchmark",
                        "instructions",
                        "n/a",
                        "overlap",
                        3,
                        "per_prompt_cap",
                        6));
        send(http, "POST", base + "/api/v1/admin/campaigns/" + slug + "/activate", admin, null);
        List<Object> batch = new ArrayList<>();
        for (int p = 0; p < prompts; p++) {
            for (int m = 0; m < 4; m++) {
                batch.add(Map.of(
                        "completion_id", slug + "-p" + p + "-m" + m,
                        "campaign", slug,
                        "prompt_id", slug + "-p" + p,
                        "prompt", "Benchmark prompt " + p + ": which answer is better?",
                        "model", "model-" + m,
                        "response",
                                "A response of moderate length from model " + m + ". "
                                        + "It explains the answer. ".repeat(8)));
                if (batch.size() == 500) {
                    send(http, "POST", base + "/api/v1/completions", admin, Map.of("completions", batch));
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            send(http, "POST", base + "/api/v1/completions", admin, Map.of("completions", batch));
        }
        return slug;
    }

    static Result measure(
            HttpClient http, String base, String bootstrap, DevKeys keys, String campaign, int raters, int seconds)
            throws Exception {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong cycles = new AtomicLong();
        ConcurrentLinkedQueue<Long> leaseNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> submitNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> lagMillis = new ConcurrentLinkedQueue<>();
        Thread consumer = new Thread(() -> consumeLag(bootstrap, campaign, measuring, stop, lagMillis));
        consumer.start();
        CountDownLatch done = new CountDownLatch(raters);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < raters; r++) {
            String token = keys.token("bench-rater-" + UUID.randomUUID(), Duration.ofHours(1), DevKeys.RATER);
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> lease = call(
                                http, "POST", base + "/api/v1/campaigns/" + campaign + "/assignments", token, null);
                        long t1 = System.nanoTime();
                        if (lease.statusCode() == 204) {
                            break;
                        }
                        String id = JSON.readTree(lease.body()).path("id").asText();
                        HttpResponse<String> submit = call(
                                http,
                                "POST",
                                base + "/api/v1/assignments/" + id + "/judgment",
                                token,
                                "{\"winner\":\"a\"}");
                        long t2 = System.nanoTime();
                        if (submit.statusCode() != 201) {
                            System.err.println("submit answered " + submit.statusCode() + ": " + submit.body());
                        }
                        if (measuring.get()) {
                            leaseNanos.add(t1 - t0);
                            submitNanos.add(t2 - t1);
                            cycles.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    System.err.println("rater failed: " + e);
                } finally {
                    done.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        // The measured window opens after a 5 s warm-up and closes S seconds later; the raters then stop.
        long[] window = new long[2];
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        timer.schedule(
                () -> {
                    window[0] = System.nanoTime();
                    measuring.set(true);
                },
                5,
                java.util.concurrent.TimeUnit.SECONDS);
        timer.schedule(
                () -> {
                    measuring.set(false);
                    window[1] = System.nanoTime();
                    stop.set(true);
                },
                5L + seconds,
                java.util.concurrent.TimeUnit.SECONDS);
        done.await();
        timer.shutdownNow();
        if (window[1] == 0) { // the raters ran out of work before the window closed
            measuring.set(false);
            window[1] = System.nanoTime();
            window[0] = window[0] == 0 ? window[1] : window[0];
            stop.set(true);
        }
        double elapsed = (window[1] - window[0]) / 1e9;
        consumer.join(); // it stops after 2 s without new records, so the relay can catch up
        return new Result(
                cycles.get() / elapsed,
                percentile(leaseNanos, 0.50) / 1e6,
                percentile(leaseNanos, 0.99) / 1e6,
                percentile(submitNanos, 0.50) / 1e6,
                percentile(submitNanos, 0.99) / 1e6,
                percentile(lagMillis, 0.50),
                percentile(lagMillis, 0.99));
    }

    private static void consumeLag(
            String bootstrap,
            String campaign,
            AtomicBoolean measuring,
            AtomicBoolean stop,
            ConcurrentLinkedQueue<Long> lag) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("fairwise.preferences.v1"));
            long idleSince = System.nanoTime();
            while (!stop.get() || System.nanoTime() - idleSince < 2_000_000_000L) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                }
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, String> r : records) {
                    JsonNode value = JSON.readTree(r.value());
                    if (measuring.get()
                            && campaign.equals(value.path("campaign").asText())) {
                        lag.add(now
                                - Instant.parse(value.path("judged_at").asText())
                                        .toEpochMilli());
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("lag consumer failed: " + e);
        }
    }

    static HttpResponse<String> call(HttpClient http, String method, String url, String token, String body)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void send(HttpClient http, String method, String url, String token, Object body) throws Exception {
        HttpResponse<String> response =
                call(http, method, url, token, body == null ? null : JSON.writeValueAsString(body));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static double percentile(ConcurrentLinkedQueue<Long> values, double p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> metric) {
        List<Double> values =
                new ArrayList<>(results.stream().map(metric::applyAsDouble).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
