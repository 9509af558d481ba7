package dev.fairwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.local.DevKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Rating throughput against a running service (the local run): R raters, each in a closed loop of lease
 * then submit, for a measured window after a warm-up. Reports lease+submit cycles per second, p50/p99/p99.9
 * of each call, the relay lag (commit to the record reaching a consumer of the preferences topic), and the
 * CPU per cycle of the service, of this load client and of PostgreSQL. The raters share one Vert.x event
 * loop, so the client takes as little of the machine as it can. Usage:
 * {@code [FAIRWISE_PID=<service pid>] deploy/bench/run.sh rating [RATERS] [SECONDS] [RUNS]}.
 */
public final class RatingBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RatingBench() {}

    /**
     * Cycles are lease+judge pairs completed inside the window; latencies in ms; CPU per cycle in ms
     * (service, this JVM as the load client, PostgreSQL), NaN when a process could not be read.
     */
    record Result(
            double cyclesPerSecond,
            long cycles,
            long errors,
            double leaseP50,
            double leaseP99,
            double leaseP999,
            double submitP50,
            double submitP99,
            double submitP999,
            double lagP50,
            double lagP99,
            double lagP999,
            double serviceCpuMsPerCycle,
            double clientCpuMsPerCycle,
            double postgresCpuMsPerCycle) {}

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
                    "run %d: %d raters, %.0f cycles/s (%d cycles, %d errors); lease p50 %.1f ms p99 %.1f ms p99.9 %.1f ms;"
                            + " submit p50 %.1f ms p99 %.1f ms p99.9 %.1f ms; relay lag p50 %.0f ms p99 %.0f ms;"
                            + " CPU per cycle: service %s, load client %s, PostgreSQL %s%n",
                    run,
                    raters,
                    result.cyclesPerSecond(),
                    result.cycles(),
                    result.errors(),
                    result.leaseP50(),
                    result.leaseP99(),
                    result.leaseP999(),
                    result.submitP50(),
                    result.submitP99(),
                    result.submitP999(),
                    result.lagP50(),
                    result.lagP99(),
                    cpu(result.serviceCpuMsPerCycle()),
                    cpu(result.clientCpuMsPerCycle()),
                    cpu(result.postgresCpuMsPerCycle()));
        }
        System.out.printf(
                "median of %d runs: %.0f cycles/s; lease p50 %.1f ms p99 %.1f ms; submit p50 %.1f ms p99 %.1f ms;"
                        + " relay lag p99 %.0f ms; CPU per cycle: service %s, load client %s, PostgreSQL %s%n",
                runs,
                median(results, Result::cyclesPerSecond),
                median(results, Result::leaseP50),
                median(results, Result::leaseP99),
                median(results, Result::submitP50),
                median(results, Result::submitP99),
                median(results, Result::lagP99),
                cpu(median(results, Result::serviceCpuMsPerCycle)),
                cpu(median(results, Result::clientCpuMsPerCycle)),
                cpu(median(results, Result::postgresCpuMsPerCycle)));
        if (System.getenv("FAIRWISE_PID") == null) {
            System.out.println("(service CPU n/a: set FAIRWISE_PID to the service's PID, e.g."
                    + " FAIRWISE_PID=$(pgrep -f quarkus-app/quarkus-run.jar))");
        }
    }

    private static String cpu(double msPerCycle) {
        return Double.isNaN(msPerCycle) ? "n/a" : String.format("%.3f ms", msPerCycle);
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

    /** As {@link #measure(String, String, DevKeys, String, int, int, ProcessCpu.Pids)}, PIDs from the environment. */
    static Result measure(
            HttpClient http, String base, String bootstrap, DevKeys keys, String campaign, int raters, int seconds)
            throws Exception {
        return measure(base, bootstrap, keys, campaign, raters, seconds, ProcessCpu.Pids.fromEnvironment());
    }

    /**
     * R raters in a closed loop on one Vert.x event loop, each with its own keep-alive HTTP/1.1 connection and
     * token: lease, then judge, then lease again, as callbacks (no thread waits for an answer). Latencies and
     * cycles are recorded only inside the measured window, which opens after a 5 s warm-up and lasts
     * {@code seconds}; the CPU of the service, of this JVM and of PostgreSQL is sampled at its two ends.
     */
    static Result measure(
            String base, String bootstrap, DevKeys keys, String campaign, int raters, int seconds, ProcessCpu.Pids pids)
            throws Exception {
        URI uri = URI.create(base);
        String host = uri.getHost();
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        Window window = new Window(pids);
        Histogram lagMillis = new Histogram(3); // written by the consumer thread only, read after it ends
        Thread consumer = new Thread(() -> consumeLag(bootstrap, campaign, window.measuring, window.stop, lagMillis));
        consumer.start();
        Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        Loop loop = new Loop(vertx, window, raters);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            HttpClientOptions options = new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_1_1)
                    .setKeepAlive(true)
                    .setPipelining(false)
                    .setTcpNoDelay(true)
                    .setDefaultHost(host)
                    .setDefaultPort(port);
            List<Rater> all = new ArrayList<>();
            for (int r = 0; r < raters; r++) {
                String token = keys.token("bench-rater-" + UUID.randomUUID(), Duration.ofHours(1), DevKeys.RATER);
                // one client per rater, pool of one: each rater keeps its own connection for the whole run
                io.vertx.core.http.HttpClient client =
                        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(1));
                all.add(new Rater(loop, client, host, port, campaign, token));
            }
            vertx.runOnContext(v -> all.forEach(Rater::lease));
            timer.schedule(window::open, 5, TimeUnit.SECONDS);
            timer.schedule(window::close, 5L + seconds, TimeUnit.SECONDS);
            loop.finished.get(5L + seconds + 180, TimeUnit.SECONDS);
        } finally {
            timer.shutdownNow();
            window.close(); // at once if the raters ran out of work (or failed) before the window closed
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        consumer.join(); // it stops after 2 s without new records, so the relay can catch up
        double elapsed = (window.closedAt - window.openedAt) / 1e9;
        ProcessCpu.Sample from = window.cpuAtOpen;
        ProcessCpu.Sample to = window.cpuAtClose;
        long cycles = loop.cycles;
        return new Result(
                elapsed > 0 ? cycles / elapsed : Double.NaN,
                cycles,
                loop.errors,
                millis(loop.lease, 50.0, 1000.0),
                millis(loop.lease, 99.0, 1000.0),
                millis(loop.lease, 99.9, 1000.0),
                millis(loop.submit, 50.0, 1000.0),
                millis(loop.submit, 99.0, 1000.0),
                millis(loop.submit, 99.9, 1000.0),
                millis(lagMillis, 50.0, 1.0),
                millis(lagMillis, 99.0, 1.0),
                millis(lagMillis, 99.9, 1.0),
                ProcessCpu.msPerCycle(from.service(), to.service(), cycles),
                ProcessCpu.msPerCycle(from.client(), to.client(), cycles),
                ProcessCpu.msPerCycle(from.postgres(), to.postgres(), cycles));
    }

    /** The measured window: opened and closed by the timer thread, its flags read by the event loop. */
    private static final class Window {
        final AtomicBoolean measuring = new AtomicBoolean(false);
        final AtomicBoolean stop = new AtomicBoolean(false);
        private final ProcessCpu.Pids pids;
        private boolean opened;
        private boolean closed;
        long openedAt;
        long closedAt;
        ProcessCpu.Sample cpuAtOpen;
        ProcessCpu.Sample cpuAtClose;

        Window(ProcessCpu.Pids pids) {
            this.pids = pids;
        }

        synchronized void open() {
            if (opened || closed) {
                return;
            }
            cpuAtOpen = ProcessCpu.sample(pids);
            openedAt = System.nanoTime();
            opened = true;
            measuring.set(true);
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            measuring.set(false);
            closedAt = System.nanoTime();
            cpuAtClose = ProcessCpu.sample(pids);
            if (!opened) { // the raters ran dry during the warm-up: an empty window
                openedAt = closedAt;
                cpuAtOpen = cpuAtClose;
                opened = true;
            }
            closed = true;
            stop.set(true);
        }
    }

    /** What the raters share; touched only on the event loop, read by the caller after {@link #finished}. */
    private static final class Loop {
        final Vertx vertx;
        final Window window;
        final Histogram lease = new Histogram(3); // microseconds
        final Histogram submit = new Histogram(3);
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        int running;
        long cycles;
        long errors;

        Loop(Vertx vertx, Window window, int raters) {
            this.vertx = vertx;
            this.window = window;
            this.running = raters;
        }

        void error(String what) {
            if (++errors <= 10) {
                System.err.println("rater: " + what + (errors == 10 ? " (further errors are only counted)" : ""));
            }
        }

        void done() {
            if (--running == 0) {
                finished.complete(null);
            }
        }
    }

    /** One rater: a chain of callbacks on the event loop, lease → judge → lease …, until the window closes. */
    private static final class Rater {
        private static final Buffer JUDGMENT = Buffer.buffer("{\"winner\":\"a\"}");

        private final Loop loop;
        private final io.vertx.core.http.HttpClient client;
        private final String host;
        private final int port;
        private final String authorization;
        private final RequestOptions leaseRequest;

        Rater(Loop loop, io.vertx.core.http.HttpClient client, String host, int port, String campaign, String token) {
            this.loop = loop;
            this.client = client;
            this.host = host;
            this.port = port;
            this.authorization = "Bearer " + token;
            this.leaseRequest = request("/api/v1/campaigns/" + campaign + "/assignments");
        }

        private RequestOptions request(String path) {
            return new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(host)
                    .setPort(port)
                    .setURI(path)
                    .setIdleTimeout(60_000)
                    .putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }

        void lease() {
            if (loop.window.stop.get()) {
                loop.done();
                return;
            }
            long t0 = System.nanoTime();
            call(leaseRequest, null).onComplete(leased -> {
                long t1 = System.nanoTime();
                if (leased.failed()) {
                    loop.error("lease failed: " + leased.cause());
                    retry();
                    return;
                }
                Answer answer = leased.result();
                if (answer.status() == 204) { // nothing left to rate
                    loop.done();
                    return;
                }
                String id;
                try {
                    id = answer.status() == 201
                            ? JSON.readTree(answer.body().getBytes()).path("id").asText()
                            : "";
                } catch (IOException e) {
                    id = "";
                }
                if (id.isEmpty()) {
                    loop.error("lease answered " + answer.status() + ": " + answer.body());
                    retry();
                    return;
                }
                submit(id, t0, t1);
            });
        }

        private void submit(String id, long t0, long t1) {
            RequestOptions judge = request("/api/v1/assignments/" + id + "/judgment")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            call(judge, JUDGMENT).onComplete(judged -> {
                long t2 = System.nanoTime();
                if (judged.failed()) {
                    loop.error("submit failed: " + judged.cause());
                    retry();
                    return;
                }
                if (judged.result().status() != 201) {
                    loop.error("submit answered " + judged.result().status() + ": "
                            + judged.result().body());
                } else if (loop.window.measuring.get()) {
                    loop.lease.recordValue(Math.max(1, (t1 - t0) / 1000));
                    loop.submit.recordValue(Math.max(1, (t2 - t1) / 1000));
                    loop.cycles++;
                }
                lease();
            });
        }

        /** After a failed call, the next lease 100 ms later, so a broken service does not spin the loop. */
        private void retry() {
            loop.vertx.setTimer(100, t -> lease());
        }

        private Future<Answer> call(RequestOptions options, Buffer body) {
            return client.request(options)
                    .compose(request -> body == null ? request.send() : request.send(body))
                    .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)));
        }
    }

    private record Answer(int status, Buffer body) {}

    /** A percentile of a histogram, in milliseconds ({@code unitsPerMilli} of its unit make one); NaN when empty. */
    static double millis(Histogram histogram, double percentile, double unitsPerMilli) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / unitsPerMilli;
    }

    private static void consumeLag(
            String bootstrap, String campaign, AtomicBoolean measuring, AtomicBoolean stop, Histogram lag) {
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
                        // same machine, same clock; a judgment stamped in the current millisecond reads as 0
                        lag.recordValue(Math.max(
                                0,
                                now
                                        - Instant.parse(value.path("judged_at").asText())
                                                .toEpochMilli()));
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

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> metric) {
        List<Double> values =
                new ArrayList<>(results.stream().map(metric::applyAsDouble).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
