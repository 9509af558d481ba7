package dev.fairwise.bench;

import dev.fairwise.support.JudgmentSeed;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Exports of a campaign of 1,000,000 judgments (100,000 comparisons judged by 10 raters each), read over HTTP
 * to the last byte, with the service's heap sampled from its Prometheus endpoint every 200 ms meanwhile. The
 * campaign is made through the API and its judgments are written straight into the database with set-based
 * SQL ({@link JudgmentSeed}); 80 % of them have a winner (the trl export's lines).
 */
final class ExportBench {
    static final int COMPARISONS = 100_000;
    static final int JUDGES = 10;
    static final long JUDGMENTS = (long) COMPARISONS * JUDGES;

    private ExportBench() {}

    /**
     * One export as the client sees it.
     *
     * @param seconds from sending the request to reading the last byte
     * @param records lines read
     * @param bytes bytes read
     * @param heap the service's heap meanwhile
     */
    record Run(double seconds, long records, long bytes, Heap heap) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    /**
     * The service's heap in MiB (jvm_memory_used_bytes, area heap, all pools; and the old generation alone,
     * which holds what survives collections): before the export, the most seen during it, and after.
     */
    record Heap(
            double before, double max, double after, double oldBefore, double oldMax, double oldAfter, int samples) {}

    /** Makes and fills the campaign; answers its slug. */
    static String campaign(HttpClient http, String base, String admin, Connection db, String slug) throws Exception {
        RatingBench.send(
                http,
                "POST",
                base + "/api/v1/admin/campaigns",
                admin,
                Map.of(
                        "slug",
                        slug,
                        "title",
                        "Export benchmark",
                        "instructions",
                        "n/a",
                        "overlap",
                        JUDGES,
                        "per_prompt_cap",
                        1));
        RatingBench.send(http, "POST", base + "/api/v1/admin/campaigns/" + slug + "/activate", admin, null);
        long id;
        try (var statement = db.createStatement();
                var rs = statement.executeQuery("select id from campaign where slug = '" + slug + "'")) {
            rs.next();
            id = rs.getLong(1);
        }
        JudgmentSeed.seed(db, id, slug, COMPARISONS, JUDGES);
        try (var statement = db.createStatement()) {
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
        return slug;
    }

    /** Exports {@code slug} in {@code format} once, reading every byte; fails unless {@code expected} lines came. */
    static Run once(
            HttpClient http, String base, String management, String admin, String slug, String format, long expected)
            throws Exception {
        HeapSampler sampler = new HeapSampler(http, management);
        double[] before = sampler.sample();
        sampler.start();
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/admin/campaigns/" + slug + "/export?format=" + format))
                .header("Authorization", "Bearer " + admin)
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw new IllegalStateException("export answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = response.body()) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.stop();
        double[] after = sampler.sample();
        if (lines != expected) {
            throw new IllegalStateException(format + " export had " + lines + " lines, not " + expected);
        }
        return new Run(
                seconds,
                lines,
                bytes,
                new Heap(
                        before[0],
                        Math.max(sampler.max[0], Math.max(before[0], after[0])),
                        after[0],
                        before[1],
                        Math.max(sampler.max[1], Math.max(before[1], after[1])),
                        after[1],
                        sampler.samples));
    }

    /** Reads the service's heap every 200 ms and keeps the most it saw. */
    private static final class HeapSampler {
        private final HttpClient http;
        private final String management;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        final double[] max = {0, 0};
        volatile int samples;

        HeapSampler(HttpClient http, String management) {
            this.http = http;
            this.management = management;
        }

        void start() {
            timer.scheduleAtFixedRate(
                    () -> {
                        try {
                            double[] now = sample();
                            synchronized (max) {
                                max[0] = Math.max(max[0], now[0]);
                                max[1] = Math.max(max[1], now[1]);
                            }
                            samples++;
                        } catch (Exception e) {
                            // a missed sample is not a failed export
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }

        /** Heap used, all pools and the old generation alone, in MiB. */
        double[] sample() throws Exception {
            String text = http.send(
                            HttpRequest.newBuilder(URI.create(management + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double heap = 0;
            double old = 0;
            for (String line : text.lines().toList()) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    heap += value;
                    if (line.contains("Old Gen") || line.contains("Tenured Gen")) {
                        old += value;
                    }
                }
            }
            return new double[] {heap / (1 << 20), old / (1 << 20)};
        }
    }

    static List<String> formats() {
        return List.of("trl", "fairwise");
    }
}
