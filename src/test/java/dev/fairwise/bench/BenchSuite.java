package dev.fairwise.bench;

import dev.fairwise.faults.FaultStack;
import dev.fairwise.faults.ServiceProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The whole benchmark in one run, on one machine: starts its own PostgreSQL server (durable settings),
 * Kafka broker and service process, measures the baselines and every Fairwise figure three times, and
 * writes the table of medians to {@code target/bench/results.md}. Run by {@code deploy/bench/run.sh all}.
 */
public final class BenchSuite {
    private static final int RUNS = Integer.getInteger("fairwise.bench.runs", 3);
    private static final int SECONDS = Integer.getInteger("fairwise.bench.seconds", 20);
    /**
     * Sections to run (baselines, ingest, rating, relay, growth, quality, export), e.g. "relay,growth" while working on
     * those; all when unset. Skipped baselines count as NaN.
     */
    private static final List<String> ONLY =
            List.of(System.getProperty("fairwise.bench.only", "").split(","));

    private final List<String[]> rows = new ArrayList<>();

    private BenchSuite() {}

    public static void main(String[] args) throws Exception {
        new BenchSuite().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dir = Path.of("target", "bench", "run-" + System.currentTimeMillis());
        FaultStack stack = FaultStack.start(dir);
        ServiceProcess service = stack.replica(0);
        List<Double> startups = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            startups.add(service.start().toMillis() / 1000.0);
            if (i < RUNS - 1) {
                service.close();
            }
        }
        String base = service.baseUrl();
        String admin = stack.admin();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int pg = stack.postgres().port();
        try (Connection db = stack.postgres().connect()) {
            double tpcb = Double.NaN;
            double simple = Double.NaN;
            double producer = Double.NaN;
            if (section("baselines")) {
                say("baselines");
                Baselines.initPgbench(db, pg);
                tpcb = record(
                        "pgbench TPC-B-like, 16 clients (TPS)", "", times(() -> Baselines.pgbenchTps(pg, false, 15)));
                simple = record(
                        "pgbench simple-update, 16 clients (TPS)", "", times(() -> Baselines.pgbenchTps(pg, true, 15)));
                producer = record(
                        "Kafka ProducerPerformance, 1 KB, acks=all (records/s)",
                        "",
                        times(() ->
                                Baselines.producerPerformance(stack.kafkaBootstrap(), "fairwise.bench.producer-perf")));
            }
            // No quiet() before ingest: its tables are still empty, and statistics taken of empty tables make
            // PostgreSQL plan the bulk load's foreign-key checks as sequential scans until autovacuum analyzes
            // them again (about a minute: the first runs measured 700 completions/s instead of 10,000).
            if (section("ingest")) {
                ingest(http, stack, base, admin, simple);
            }
            if (section("rating")) {
                quiet(db);
                rating(http, stack, service, base, admin, tpcb, startups, db);
            }
            if (section("relay")) {
                quiet(db);
                say("relay drain");
                double relay = record(
                        "relay: records/s draining a backlog of 200,000", "", times(() -> RelayDrain.run(db, 200_000)));
                ratio("relay ÷ ProducerPerformance", relay / producer, "≥ 0.7", relay / producer >= 0.7);
            }
            if (section("growth")) {
                quiet(db);
                growth(http, stack, base, admin, db);
            }
            if (section("quality")) {
                quiet(db);
                quality(http, service, base, admin, db);
            }
            if (section("export")) {
                quiet(db);
                export(http, service, base, admin, db);
            }
        }
        write(dir);
    }

    /**
     * Lets what came before settle, so a measured window does not pay for it: fresh planner statistics and
     * no autovacuum due on the tables the last section filled (a vacuum after a section that wrote 100,000
     * rows otherwise lands in the next one's window, in PostgreSQL's CPU), and dirty pages written.
     */
    private static void quiet(Connection db) throws java.sql.SQLException {
        try (java.sql.Statement statement = db.createStatement()) {
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
    }

    private static boolean section(String name) {
        return ONLY.equals(List.of("")) || ONLY.contains(name);
    }

    private void ingest(HttpClient http, FaultStack stack, String base, String admin, double simple) throws Exception {
        say("ingest");
        double ingest = record(
                "ingest: completions/s, topic → stored and paired",
                "",
                times(() -> IngestBench.once(http, stack.kafkaBootstrap(), base, admin, 20_000)));
        ratio("ingest ÷ pgbench simple-update", ingest / simple, "≥ 1.5", ingest / simple >= 1.5);
    }

    private void rating(
            HttpClient http,
            FaultStack stack,
            ServiceProcess service,
            String base,
            String admin,
            double tpcb,
            List<Double> startups,
            Connection db)
            throws Exception {
        AtomicLong rssPeak = new AtomicLong();
        ScheduledExecutorService rss = Executors.newSingleThreadScheduledExecutor();
        rss.scheduleAtFixedRate(
                () -> {
                    try {
                        rssPeak.accumulateAndGet(service.rssMib(), Math::max);
                    } catch (Exception e) {
                        // the process is between runs
                    }
                },
                0,
                500,
                TimeUnit.MILLISECONDS);
        ProcessCpu.Pids pids = pids(stack, service);
        List<RatingBench.Result> at64 = new ArrayList<>();
        // The service was just started: one unmeasured run lets the JIT compile the rating path, so the runs
        // below measure the service as it runs for hours, not its first minute (reported as a row of its own).
        say("rating, 64 raters: JIT warm-up run (not in the medians)");
        RatingBench.Result warmUp = RatingBench.measure(
                base,
                stack.kafkaBootstrap(),
                stack.keys(),
                RatingBench.setUp(http, base, admin, 2500 * (SECONDS + 10) / 18 + 1),
                64,
                SECONDS,
                pids);
        record(
                "rating, 64 raters, first run after start-up (warm-up): cycles/s",
                "",
                List.of(warmUp.cyclesPerSecond()));
        for (int raters : List.of(64, 256)) {
            say("rating, " + raters + " raters");
            List<RatingBench.Result> results = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                String campaign = RatingBench.setUp(http, base, admin, 2500 * (SECONDS + 10) / 18 + 1);
                quiet(db);
                RatingBench.Result result = RatingBench.measure(
                        base, stack.kafkaBootstrap(), stack.keys(), campaign, raters, SECONDS, pids);
                if (result.errors() > 0) {
                    say("  run " + (i + 1) + ": " + result.errors() + " failed calls (see stderr)");
                }
                results.add(result);
            }
            if (raters == 64) {
                at64 = results;
            }
            double cycles = record(
                    "rating, " + raters + " raters: lease+submit cycles/s",
                    "",
                    values(results, RatingBench.Result::cyclesPerSecond));
            if (raters == 64) {
                ratio("submit rate ÷ pgbench TPC-B", cycles / tpcb, "≥ 0.4", cycles / tpcb >= 0.4);
            }
            double serviceCpu = record(
                    "rating, " + raters + " raters: service CPU per lease+submit cycle (ms)",
                    raters == 64 ? "≤ 0.7" : "",
                    values(results, RatingBench.Result::serviceCpuMsPerCycle),
                    3);
            if (raters == 64) {
                met(serviceCpu <= 0.7);
            }
            record(
                    "rating, " + raters + " raters: load client CPU per cycle (ms)",
                    "",
                    values(results, RatingBench.Result::clientCpuMsPerCycle),
                    3);
            record(
                    "rating, " + raters + " raters: PostgreSQL CPU per cycle (ms)",
                    "",
                    values(results, RatingBench.Result::postgresCpuMsPerCycle),
                    3);
            double leaseP99 = record(
                    "rating, " + raters + " raters: lease p99 (ms)",
                    raters == 64 ? "< 50" : "",
                    values(results, RatingBench.Result::leaseP99));
            if (raters == 64) {
                met(leaseP99 < 50);
            }
            double submitP99 = record(
                    "rating, " + raters + " raters: submit p99 (ms)",
                    raters == 64 ? "< 50" : "",
                    values(results, RatingBench.Result::submitP99));
            if (raters == 64) {
                met(submitP99 < 50);
            }
            record(
                    "rating, " + raters + " raters: lease p99.9 (ms)",
                    "",
                    values(results, RatingBench.Result::leaseP999));
            record(
                    "rating, " + raters + " raters: submit p99.9 (ms)",
                    "",
                    values(results, RatingBench.Result::submitP999));
        }
        double lagP99 =
                record("relay lag p99 under the 64-rater load (ms)", "< 500", values(at64, RatingBench.Result::lagP99));
        met(lagP99 < 500);
        rss.shutdownNow();
        record("service RSS, peak under the rating load (MiB)", "< 400", List.of((double) rssPeak.get()));
        met(rssPeak.get() < 400);
        record("service start-up to ready (s)", "", startups);

        int rate =
                (int) Math.max(20, Math.round(median(values(at64, RatingBench.Result::cyclesPerSecond)) / 2 / 10) * 10);
        say("open loop at " + rate + " cycles/s");
        List<OpenLoop.Result> open = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String campaign = RatingBench.setUp(http, base, admin, rate * (SECONDS + 10) / 6 + 1);
            open.add(OpenLoop.run(base, stack.keys(), campaign, rate, SECONDS));
        }
        String[] names = {"p50", "p99", "p99.9"};
        for (int p = 0; p < 3; p++) {
            int q = p;
            record(
                    "open loop, " + rate + " cycles/s: lease " + names[p] + " (ms)",
                    "",
                    open.stream().map(r -> r.lease()[q]).toList());
        }
        for (int p = 0; p < 3; p++) {
            int q = p;
            record(
                    "open loop, " + rate + " cycles/s: submit " + names[p] + " (ms)",
                    "",
                    open.stream().map(r -> r.submit()[q]).toList());
        }
    }

    private void growth(HttpClient http, FaultStack stack, String base, String admin, Connection db) throws Exception {
        say("growth");
        ProcessCpu.Pids pids = pids(stack, stack.replica(0));
        List<String> small = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            small.add(Growth.campaign(http, base, admin, db, "growth-10k-" + c + "-" + suffix(), 1_000));
        }
        // a fresh 10,000-comparison campaign per run: 16 raters for 15 s judge most of one
        java.util.concurrent.atomic.AtomicInteger nextSmall = new java.util.concurrent.atomic.AtomicInteger();
        double p99small = record(
                "growth: lease p99, 10,000 open comparisons, 10 campaigns (ms)",
                "",
                times(() -> RatingBench.measure(
                                base,
                                stack.kafkaBootstrap(),
                                stack.keys(),
                                small.get(nextSmall.getAndIncrement() % small.size()),
                                16,
                                15,
                                pids)
                        .leaseP99()));
        String big = Growth.campaign(http, base, admin, db, "growth-1m-" + suffix(), 100_000);
        double p99big = record(
                "growth: lease p99, 1,000,000 open comparisons (ms)",
                "",
                times(() -> RatingBench.measure(base, stack.kafkaBootstrap(), stack.keys(), big, 16, 15, pids)
                        .leaseP99()));
        ratio("lease p99 at 1,000,000 ÷ at 10,000", p99big / p99small, "≤ 1.2", p99big / p99small <= 1.2);
    }

    /**
     * The admin's quality report of a campaign of 100,002 judgments (and 4,000 of gold items), computed on
     * demand: wall time per call as the client sees it, after two unmeasured calls (JIT), and the service's
     * own {@code compute_ms} (reading the judgments and computing, not sending the answer).
     */
    private void quality(HttpClient http, ServiceProcess service, String base, String admin, Connection db)
            throws Exception {
        say("quality: loading a campaign of 100,002 judgments");
        long loadStarted = System.nanoTime();
        String slug = QualityBench.campaign(http, base, admin, db, "quality-100k-" + suffix());
        say("  loaded in " + format((System.nanoTime() - loadStarted) / 1e9) + " s");
        for (int i = 0; i < 2; i++) {
            QualityBench.Call warmUp = QualityBench.once(http, base, admin, slug);
            say("  warm-up " + (i + 1) + ": " + String.format("%.2f", warmUp.seconds()) + " s, compute_ms "
                    + format(warmUp.computeMs()) + ", " + warmUp.raters() + " raters");
        }
        AtomicLong rssPeak = new AtomicLong();
        List<QualityBench.Call> calls = new ArrayList<>();
        List<Double> seconds = times(() -> {
            QualityBench.Call call = QualityBench.once(http, base, admin, slug);
            calls.add(call);
            rssPeak.accumulateAndGet(service.rssMib(), Math::max);
            return call.seconds();
        });
        double median = record("quality report, 100k judgments (s)", "< 1 s", seconds, 2);
        met(median < 1);
        record(
                "quality report, 100k judgments: compute_ms in the service (ms)",
                "",
                values(calls, QualityBench.Call::computeMs));
        record("service RSS after the quality reports, peak (MiB)", "", List.of((double) rssPeak.get()));
    }

    /**
     * Exports of a campaign of 1,000,000 judgments in the trl and fairwise formats, read over HTTP to the last
     * byte: records per second as the client sees them (one unmeasured trl export first, for the JIT), and the
     * service's heap (capped at 128 MiB) before, at most during, and after each export.
     */
    private void export(HttpClient http, ServiceProcess service, String base, String admin, Connection db)
            throws Exception {
        say("export: loading a campaign of 1,000,000 judgments");
        long loadStarted = System.nanoTime();
        String slug = ExportBench.campaign(http, base, admin, db, "export-1m-" + suffix());
        say("  loaded in " + format((System.nanoTime() - loadStarted) / 1e9) + " s");
        long decisive;
        try (var statement = db.prepareStatement("select count(*) from judgment j join campaign k"
                + " on k.id = j.campaign_id where k.slug = ? and j.winner in ('a', 'b')")) {
            statement.setString(1, slug);
            try (var rs = statement.executeQuery()) {
                rs.next();
                decisive = rs.getLong(1);
            }
        }
        String management = service.managementUrl();
        ExportBench.Run warmUp = ExportBench.once(http, base, management, admin, slug, "trl", decisive);
        say("  warm-up: " + format(warmUp.recordsPerSecond()) + " records/s");
        for (String format : ExportBench.formats()) {
            long expected = format.equals("trl") ? decisive : ExportBench.JUDGMENTS;
            List<ExportBench.Run> runs = new ArrayList<>();
            List<Double> rates = times(() -> {
                ExportBench.Run run = ExportBench.once(http, base, management, admin, slug, format, expected);
                runs.add(run);
                say("    " + run.records() + " lines, " + format(run.bytes() / 1048576.0) + " MiB in "
                        + String.format("%.2f", run.seconds()) + " s; heap " + run.heap());
                return run.recordsPerSecond();
            });
            double median = record(
                    "export " + format + ", 1M judgments (" + expected + " lines): records/s", "≥ 50,000", rates);
            met(median >= 50_000);
            record(
                    "  service heap before the " + format + " export (MiB)",
                    "",
                    values(runs, r -> r.heap().before()));
            record(
                    "  service heap, most during the " + format + " export (MiB)",
                    "",
                    values(runs, r -> r.heap().max()));
            record(
                    "  service heap after the " + format + " export (MiB)",
                    "",
                    values(runs, r -> r.heap().after()));
            record(
                    "  service old generation, most during the " + format + " export (MiB)",
                    "",
                    values(runs, r -> r.heap().oldMax()));
        }
    }

    /** The benchmark's own service and PostgreSQL server, whose CPU the rating runs read from /proc. */
    private static ProcessCpu.Pids pids(FaultStack stack, ServiceProcess service) {
        return new ProcessCpu.Pids(
                java.util.OptionalLong.of(service.pid()),
                java.util.Optional.of(stack.postgres().dataDir()));
    }

    interface Measure {
        double once() throws Exception;
    }

    private static List<Double> times(Measure measure) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            values.add(measure.once());
            say("  run " + (i + 1) + ": " + format(values.get(i)));
        }
        return values;
    }

    private static <T> List<Double> values(List<T> results, ToDoubleFunction<T> metric) {
        return results.stream().map(metric::applyAsDouble).toList();
    }

    private double record(String measure, String target, List<Double> values) {
        return record(measure, target, values, -1);
    }

    /** A row; {@code decimals} ≥ 0 prints every figure with that many decimals (CPU ms per cycle is below 1). */
    private double record(String measure, String target, List<Double> values, int decimals) {
        double median = median(values);
        java.util.function.DoubleFunction<String> f =
                decimals < 0 ? BenchSuite::format : v -> String.format("%." + decimals + "f", v);
        rows.add(new String[] {
            measure, f.apply(median), values.stream().map(f::apply).toList().toString(), target, ""
        });
        say(measure + ": " + f.apply(median) + " " + values);
        return median;
    }

    private void ratio(String measure, double value, String target, boolean met) {
        rows.add(new String[] {measure, String.format("%.2f", value), "", target, met ? "yes" : "no"});
    }

    private void met(boolean met) {
        rows.get(rows.size() - 1)[4] = met ? "yes" : "no";
    }

    private void write(Path dir) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append("Fairwise benchmark, ")
                .append(LocalDate.now())
                .append(", ")
                .append(machine())
                .append("; median of ")
                .append(RUNS)
                .append(" runs.\n\n");
        table.append("| measure | median | runs | target | met |\n| --- | ---: | --- | --- | --- |\n");
        for (String[] row : rows) {
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        Path out = Path.of("target", "bench", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        Files.writeString(dir.resolve("results.md"), table.toString());
        System.out.println("\n" + table + "\n(written to " + out + ")");
    }

    private static String machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("unknown CPU");
        long memGib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal"))
                .findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024)
                .orElse(0L);
        return Runtime.getRuntime().availableProcessors() + " vCPU " + cpu + ", " + memGib
                + " GiB; PostgreSQL, Kafka, the service and the load client on the same machine";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String format(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static void say(String message) {
        System.out.println("[bench] " + java.time.LocalTime.now().withNano(0) + " " + message);
    }
}
