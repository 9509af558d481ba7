package dev.fairwise.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * Scenario 9: production's smallest shape on one machine. Three KRaft brokers (topics with three replicas,
 * two in sync) and three service replicas behind a load balancer, under rating and ingest load, go through
 * what operations do to them: a rolling restart of the brokers (each stopped cleanly, started, and back in
 * every partition's ISR before the next), a rolling restart of the replicas (each taken out of the balancer,
 * sent SIGTERM, started, ready, put back), then the active controller killed with SIGKILL for two minutes and
 * restarted. Afterwards the audit reads the cluster: no acknowledged judgment lost, none phantom, and every
 * completion the pipeline produced stored and paired.
 */
final class ClusterScenario {
    static final int KILL_SECONDS = Integer.getInteger("fairwise.faults.cluster-kill-seconds", 120);
    private static final int RATERS = 24;
    private static final int PROMPTS = 2000;
    private static final Duration IN_SYNC_WITHIN = Duration.ofMinutes(3);
    /** An outbox backlog above this many rows means the relay is held up (it stays in the tens when healthy). */
    private static final long BACKLOG = 100;

    private ClusterScenario() {}

    /** What the scenario measured; {@code ingestDetails} is empty when ingest was complete. */
    record Result(
            Tally tally,
            Audit.Result audit,
            String recovery,
            String notes,
            List<String> ingestDetails,
            long acceptedWhileKilled) {}

    static Result run(FaultStack stack, int overlap, int callsPerSecond) throws Exception {
        try {
            return onCluster(stack, overlap, callsPerSecond);
        } finally {
            stack.onSingleBroker();
        }
    }

    private static Result onCluster(FaultStack stack, int overlap, int callsPerSecond) throws Exception {
        KafkaCluster cluster = stack.onThreeBrokers();
        stack.healthy(FaultStack.MAX_REPLICAS);
        cluster.awaitFullyInSync(IN_SYNC_WITHIN);
        String replication = cluster.replication("fairwise.preferences.v1");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String slug = "cluster-" + id;
        Api.campaign(stack.replica(0).baseUrl(), stack.admin(), slug, overlap, PROMPTS);

        // The load balancer: replicas in rotation; rater i goes to the (i mod n)th of them.
        AtomicReference<List<Integer>> rotation = new AtomicReference<>(List.of(0, 1, 2));
        List<String> brokerRecoveries = new ArrayList<>(); // stop + start + catch-up, per broker
        List<String> replicaRecoveries = new ArrayList<>();
        try (Phases phases = new Phases(stack);
                Raters raters = new Raters(
                        slug,
                        RATERS,
                        callsPerSecond,
                        i -> {
                            List<Integer> live = rotation.get();
                            return stack.replica(live.get(i % live.size())).baseUrl();
                        },
                        i -> stack.rater("cluster-rater-" + i));
                DatabaseScenarios.Pipeline pipeline = new DatabaseScenarios.Pipeline(stack, "cluster-ingest-" + id)) {
            Tally tally = raters.tally();
            phases.begin("steady");
            FaultSuiteIT.awaitAccepted(tally, 100);

            phases.begin("brokers rolled");
            for (int i = 0; i < KafkaCluster.SIZE; i++) {
                long stopping = System.nanoTime();
                cluster.stop(i);
                long starting = System.nanoTime();
                cluster.restart(i);
                long listening = System.nanoTime();
                cluster.awaitFullyInSync(IN_SYNC_WITHIN);
                brokerRecoveries.add(split(stopping, starting, listening, System.nanoTime()));
            }
            FaultSuiteIT.awaitAccepted(tally, 50);

            phases.begin("replicas rolled");
            for (int i = 0; i < FaultStack.MAX_REPLICAS; i++) {
                int out = i;
                rotation.set(List.of(0, 1, 2).stream().filter(r -> r != out).toList());
                long stopping = System.nanoTime();
                stack.replica(i).close();
                long starting = System.nanoTime();
                stack.replica(i).start();
                replicaRecoveries.add(split(stopping, starting, System.nanoTime()));
                rotation.set(List.of(0, 1, 2));
            }
            FaultSuiteIT.awaitAccepted(tally, 50);

            phases.begin("broker killed");
            int killed = cluster.activeController();
            int before = tally.acceptedJudgments().size();
            cluster.kill(killed);
            long killedAt = System.nanoTime();
            Awaitility.await("broker " + (killed + 1) + " down for " + KILL_SECONDS + " s")
                    .atMost(Duration.ofSeconds(KILL_SECONDS + 60L))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> System.nanoTime() - killedAt
                            >= Duration.ofSeconds(KILL_SECONDS).toNanos());
            long acceptedWhileKilled = tally.acceptedJudgments().size() - before;
            long restartedAt = System.nanoTime();
            cluster.restart(killed);
            cluster.awaitFullyInSync(IN_SYNC_WITHIN);
            String killRecovery = Summary.seconds((System.nanoTime() - restartedAt) / 1e9);

            phases.begin("after");
            FaultSuiteIT.awaitAccepted(tally, 50);
            phases.end();
            raters.close();
            pipeline.close();
            long closedAt = System.nanoTime();
            int produced = pipeline.produced();
            List<String> ingestDetails = new ArrayList<>(pipeline.audit(stack));
            double ingestCatchUp = (System.nanoTime() - closedAt) / 1e9;
            try {
                Awaitility.await("every stored completion paired")
                        .atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions()
                        .until(() -> pipeline.unpaired(stack) == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                ingestDetails.add(pipeline.unpaired(stack) + " prompts without all their pairs");
            }
            Audit.Result audit = Audit.check(stack, slug, tally);
            String recovery = "brokers stop→all in sync " + brokerRecoveries + " (stop + start + catch-up);"
                    + " replicas SIGTERM→ready " + replicaRecoveries + " (stop + start); kill: restart→all in sync "
                    + killRecovery + "; outbox backlog over " + BACKLOG + " until " + phases.lastAbove("broker killed")
                    + " after the kill";
            String notes = "topics " + replication + "; 3 replicas, " + RATERS + " raters behind a balancer;"
                    + " killed broker " + (killed + 1) + " (the active controller) for " + KILL_SECONDS + " s, "
                    + acceptedWhileKilled + " judgments accepted meanwhile; "
                    + tally.acceptedJudgments().size()
                    + " judgments accepted in all; per phase "
                    + phases.report(tally) + "; " + produced + " completions produced (20/s), all stored and paired: "
                    + ingestDetails.isEmpty() + " (" + Summary.seconds(ingestCatchUp) + " after the pipeline stopped)"
                    + (ingestDetails.isEmpty() ? "" : "; " + ingestDetails);
            return new Result(tally, audit, recovery, notes, ingestDetails, acceptedWhileKilled);
        }
    }

    /** "total = a + b + ...": the time from the first mark to the last, and between each pair of marks. */
    private static String split(long... marks) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < marks.length; i++) {
            parts.add(String.format("%.1f", (marks[i] - marks[i - 1]) / 1e9));
        }
        return Summary.seconds((marks[marks.length - 1] - marks[0]) / 1e9) + " = " + String.join(" + ", parts);
    }

    /** The scenario's phases in time order, with the outbox backlog's peak in each (sampled every second). */
    private static final class Phases implements AutoCloseable {
        private record Phase(String name, long start, long end) {}

        private final List<Phase> done = new ArrayList<>();
        private final Map<String, Long> peaks = new ConcurrentHashMap<>();
        private final Map<String, Long> lastAbove = new ConcurrentHashMap<>();
        private final AtomicReference<String> current = new AtomicReference<>();
        private final Map<String, Long> starts = new ConcurrentHashMap<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private String name;
        private long start;

        Phases(FaultStack stack) {
            sampler.scheduleAtFixedRate(
                    () -> {
                        String phase = current.get();
                        if (phase == null) {
                            return;
                        }
                        try {
                            long pending = Audit.outboxPending(stack);
                            peaks.merge(phase, pending, Math::max);
                            if (pending > BACKLOG) {
                                lastAbove.put(phase, System.nanoTime());
                            }
                        } catch (Exception e) {
                            // a sample missed; the next one counts
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
        }

        void begin(String next) {
            end();
            name = next;
            start = System.nanoTime();
            starts.put(next, start);
            current.set(next);
        }

        /** How long after the phase began the backlog was last seen above {@link #BACKLOG} in it, or "never". */
        String lastAbove(String phase) {
            Long last = lastAbove.get(phase);
            return last == null ? "never" : Summary.seconds((last - starts.get(phase)) / 1e9);
        }

        void end() {
            if (name != null) {
                done.add(new Phase(name, start, System.nanoTime()));
                name = null;
                current.set(null);
            }
        }

        /** Per phase: its length, calls ok / failed / unknown, 5xx answers and the outbox backlog's peak. */
        String report(Tally tally) {
            List<Tally.Call> calls = tally.calls();
            List<String> parts = new ArrayList<>();
            for (Phase phase : done) {
                List<Tally.Call> in = calls.stream()
                        .filter(c -> c.startNanos() >= phase.start() && c.startNanos() < phase.end())
                        .toList();
                parts.add(phase.name() + " " + Summary.seconds((phase.end() - phase.start()) / 1e9) + ": "
                        + count(in, Tally.Kind.OK) + " ok / " + count(in, Tally.Kind.FAILED) + " failed / "
                        + count(in, Tally.Kind.UNKNOWN) + " unknown, "
                        + in.stream().filter(c -> c.status() >= 500).count() + " × 5xx, outbox peak "
                        + peaks.getOrDefault(phase.name(), 0L));
            }
            return String.join("; ", parts);
        }

        private static long count(List<Tally.Call> calls, Tally.Kind kind) {
            return calls.stream().filter(c -> c.kind() == kind).count();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
