package dev.fairwise.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The guarantees of the README ("Performance and guarantees") against real processes: the packaged service (one to three replicas), a
 * PostgreSQL server and a Kafka broker (three in scenario 9), broken on purpose under load. Each scenario starts from a healthy
 * stack, runs for a bounded time and stops by itself; after it, {@link Audit} checks the database and the
 * topic against what the load client was told. Run with {@code ./mvnw verify -Pfaults}; the summary table
 * is printed and written to {@code target/faults/summary.md}.
 */
class FaultSuiteIT {
    private static final int BROKER_OUTAGE_SECONDS = Integer.getInteger("fairwise.faults.broker-outage-seconds", 120);
    private static final int KILLS = Integer.getInteger("fairwise.faults.kills", 5);
    private static final int PG_OUTAGE_SECONDS = Integer.getInteger("fairwise.faults.pg-outage-seconds", 180);
    private static final int PG_EXHAUSTION_SECONDS = Integer.getInteger("fairwise.faults.pg-exhaustion-seconds", 60);
    private static final int CALLS_PER_SECOND = 80;
    /**
     * Judgments per comparison in the rated campaigns: a consensus waits for three judgments, which a fault can
     * fall between (leases fill the comparison nearest to done first, so comparisons complete all along).
     */
    private static final int OVERLAP = 3;

    private static final Summary SUMMARY = new Summary();

    @BeforeEach
    void announce(TestInfo test) {
        System.out.println("[faults] " + java.time.LocalTime.now().withNano(0) + " " + test.getDisplayName());
    }

    @AfterAll
    static void printSummary() throws Exception {
        SUMMARY.write(FaultStack.get().dir().getParent().resolve("summary.md"));
    }

    @Test
    void serviceKilledWithSigkillUnderLoad() throws Exception {
        FaultStack stack = FaultStack.get().healthy(1);
        ServiceProcess service = stack.replica(0);
        String slug = campaign(stack, "kill", 400);
        List<Double> recoveries = new ArrayList<>();
        Tally tally;
        try (Raters raters = sixteenRaters(stack, service, slug)) {
            tally = raters.tally();
            for (int kill = 0; kill < KILLS; kill++) {
                awaitAccepted(tally, ThreadLocalRandom.current().nextInt(20, 150)); // a random moment under load
                service.kill();
                long killedAt = System.nanoTime();
                service.start();
                awaitAccepted(tally, 1);
                recoveries.add(tally.secondsToFirstOkSubmitAfter(killedAt));
            }
            awaitAccepted(tally, 50);
        }
        Audit.Result audit = Audit.check(stack, slug, tally);
        SUMMARY.add(
                "1. kill -9 of the service ×" + KILLS,
                tally,
                audit,
                "max "
                        + Summary.seconds(
                                recoveries.stream().mapToDouble(d -> d).max().orElse(-1)) + " kill→first ok judgment",
                "recoveries " + recoveries.stream().map(Summary::seconds).toList());
        assertGuarantees(tally, audit);
    }

    @Test
    void brokerFrozenForMinutesUnderLoad() throws Exception {
        FaultStack stack = FaultStack.get().healthy(1);
        ServiceProcess service = stack.replica(0);
        String slug = campaign(stack, "broker", 1500);
        long peakBacklog;
        double catchUp;
        long acceptedWhileFrozen;
        Tally tally;
        try (Raters raters = sixteenRaters(stack, service, slug)) {
            tally = raters.tally();
            awaitAccepted(tally, 50);
            stack.freezeKafka();
            long frozenAt = System.nanoTime();
            int before = tally.acceptedJudgments().size();
            long[] peak = {0};
            Awaitility.await("broker outage of " + BROKER_OUTAGE_SECONDS + " s")
                    .atMost(Duration.ofSeconds(BROKER_OUTAGE_SECONDS + 60L))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        peak[0] = Math.max(peak[0], Audit.outboxPending(stack));
                        return System.nanoTime() - frozenAt
                                >= Duration.ofSeconds(BROKER_OUTAGE_SECONDS).toNanos();
                    });
            acceptedWhileFrozen = tally.acceptedJudgments().size() - before;
            stack.thawKafka();
            long thawedAt = System.nanoTime();
            peakBacklog = peak[0];
            Audit.awaitOutboxDrained(stack);
            catchUp = (System.nanoTime() - thawedAt) / 1e9;
        }
        Audit.Result audit = Audit.check(stack, slug, tally);
        SUMMARY.add(
                "2. broker frozen (SIGSTOP) " + BROKER_OUTAGE_SECONDS + " s",
                tally,
                audit,
                Summary.seconds(catchUp) + " thaw→outbox empty",
                "outbox backlog peak " + peakBacklog + "; " + acceptedWhileFrozen + " judgments accepted while frozen");
        assertGuarantees(tally, audit);
        assertThat(acceptedWhileFrozen)
                .as("raters keep working while the broker is away")
                .isPositive();
    }

    @Test
    void postgresStoppedImmediatelyUnderLoad() throws Exception {
        FaultStack stack = FaultStack.get().healthy(1);
        ServiceProcess service = stack.replica(0);
        String slug = campaign(stack, "pg", 400);
        long downAt;
        long upAt;
        double recovery;
        Tally tally;
        try (Raters raters = sixteenRaters(stack, service, slug)) {
            tally = raters.tally();
            awaitAccepted(tally, 50);
            stack.crashPostgres();
            downAt = System.nanoTime();
            Awaitility.await("requests answered while PostgreSQL is down")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() - downAt
                                    > Duration.ofSeconds(15).toNanos()
                            && callsWithin(tally, downAt, System.nanoTime()).size() >= 50);
            assertThat(service.ready()).as("readiness while PostgreSQL is down").isFalse();
            upAt = System.nanoTime();
            stack.restartPostgres(); // returns once crash recovery is over and connections are accepted
            awaitAccepted(tally, 50);
            recovery = tally.secondsToFirstOkSubmitAfter(upAt);
        }
        List<Tally.Call> whileDown = callsWithin(tally, downAt, upAt);
        long okWhileDown =
                whileDown.stream().filter(c -> c.kind() == Tally.Kind.OK).count();
        long answered503 = whileDown.stream()
                .filter(c -> c.status() == 503 && c.problemJson())
                .count();
        Audit.Result audit = Audit.check(stack, slug, tally);
        SUMMARY.add(
                "3. PostgreSQL pg_ctl stop -m immediate",
                tally,
                audit,
                Summary.seconds(recovery) + " restart (incl. crash recovery)→first ok judgment",
                whileDown.size() + " calls while down: " + answered503 + " × 503 problem+json, " + okWhileDown
                        + " × 2xx");
        assertGuarantees(tally, audit);
        assertThat(okWhileDown).as("2xx answers while PostgreSQL was down").isZero();
        assertThat(answered503)
                .as("503 problem+json answers while PostgreSQL was down")
                .isPositive();
    }

    @Test
    void raterTrafficSpreadOverTwoThenThreeReplicas() throws Exception {
        FaultStack stack = FaultStack.get().healthy(3);
        String slug = campaign(stack, "replicas", 600);
        AtomicInteger replicas = new AtomicInteger(2);
        Tally tally;
        try (Raters raters = new Raters(
                slug,
                24,
                CALLS_PER_SECOND * 2,
                i -> stack.replica(i % replicas.get()).baseUrl(),
                i -> stack.rater("replica-rater-" + i))) {
            tally = raters.tally();
            awaitAccepted(tally, 400);
            replicas.set(3);
            awaitAccepted(tally, 400);
        }
        Audit.Result audit = Audit.check(stack, slug, tally);
        SUMMARY.add("4. two, then three replicas", tally, audit, "n/a", "24 raters, rater i on replica i mod n");
        assertGuarantees(tally, audit);
    }

    @Test
    void ingestKilledMidStreamWithRedeliveryAndPoison() throws Exception {
        FaultStack stack = FaultStack.get().healthy(1);
        IngestScenario.Result result = IngestScenario.run(
                stack, "ingest-" + UUID.randomUUID().toString().substring(0, 8));
        SUMMARY.add(result.row());
        assertThat(result.details()).as("ingest after kills").isEmpty();
    }

    @Test
    void badInputIsRejectedWithoutAWrite() throws Exception {
        FaultStack stack = FaultStack.get().healthy(1);
        BadInputScenario.Result result = BadInputScenario.run(stack, campaign(stack, "bad", 2));
        SUMMARY.add(result.row());
        assertThat(result.details()).as("bad input").isEmpty();
    }

    @Test
    void postgresDownForMinutesWhileRatingAndIngesting() throws Exception {
        FaultStack stack = FaultStack.get().healthy(1);
        ServiceProcess service = stack.replica(0);
        String slug = campaign(stack, "pg-long", 1500);
        String ingest = "pg-long-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ingestDetails;
        int produced;
        double recovery;
        boolean liveThroughout;
        Tally tally;
        try (Raters raters = sixteenRaters(stack, service, slug);
                DatabaseScenarios.Pipeline pipeline = new DatabaseScenarios.Pipeline(stack, ingest)) {
            tally = raters.tally();
            awaitAccepted(tally, 50);
            stack.crashPostgres();
            long downAt = System.nanoTime();
            boolean[] live = {true};
            Awaitility.await("PostgreSQL outage of " + PG_OUTAGE_SECONDS + " s")
                    .atMost(Duration.ofSeconds(PG_OUTAGE_SECONDS + 60L))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        live[0] &= service.live();
                        return System.nanoTime() - downAt
                                >= Duration.ofSeconds(PG_OUTAGE_SECONDS).toNanos();
                    });
            liveThroughout = live[0];
            long upAt = System.nanoTime();
            stack.restartPostgres();
            awaitAccepted(tally, 50);
            recovery = tally.secondsToFirstOkSubmitAfter(upAt);
            pipeline.close();
            produced = pipeline.produced();
            ingestDetails = pipeline.audit(stack);
        }
        Audit.Result audit = Audit.check(stack, slug, tally);
        SUMMARY.add(
                "7. PostgreSQL down " + PG_OUTAGE_SECONDS + " s while rating and ingesting",
                tally,
                audit,
                Summary.seconds(recovery) + " restart→first ok judgment",
                produced + " completions produced (" + 20 + "/s), all stored: " + ingestDetails.isEmpty()
                        + "; liveness UP throughout: " + liveThroughout
                        + (ingestDetails.isEmpty() ? "" : "; " + ingestDetails));
        assertGuarantees(tally, audit);
        assertThat(ingestDetails).as("completions produced during the outage").isEmpty();
        assertThat(liveThroughout).as("liveness while PostgreSQL is down").isTrue();
    }

    @Test
    void postgresOutOfConnectionsWhileIngesting() throws Exception {
        FaultStack stack = FaultStack.get().healthy(1);
        ServiceProcess service = stack.replica(0);
        String ingest = "pg-full-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> details;
        int produced;
        int held;
        int refusals;
        boolean liveThroughout = true;
        double catchUp;
        try (DatabaseScenarios.Pipeline pipeline = new DatabaseScenarios.Pipeline(stack, ingest)) {
            Awaitility.await("ingest under way")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> pipeline.stored(stack) >= 40);
            try (DatabaseScenarios.ConnectionHog hog = new DatabaseScenarios.ConnectionHog(stack)) {
                long fullAt = System.nanoTime();
                while (System.nanoTime() - fullAt
                        < Duration.ofSeconds(PG_EXHAUSTION_SECONDS).toNanos()) {
                    Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
                    hog.squeeze(); // a slot the service won back is taken from it again
                    liveThroughout &= service.live();
                }
                held = hog.held();
                refusals = hog.refusals();
            }
            long releasedAt = System.nanoTime();
            int producedWhileFull = pipeline.produced();
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> pipeline.stored(stack) >= producedWhileFull);
            catchUp = (System.nanoTime() - releasedAt) / 1e9;
            pipeline.close();
            produced = pipeline.produced();
            details = pipeline.audit(stack);
        }
        SUMMARY.add(new Summary.Row(
                "8. PostgreSQL out of connections (53300) " + PG_EXHAUSTION_SECONDS + " s while ingesting",
                produced + " stored" + (details.isEmpty() ? "" : "?"),
                "0 dead-lettered" + (details.isEmpty() ? "" : "?"),
                "n/a",
                details.isEmpty() ? 0 : 1,
                0,
                "n/a",
                liveThroughout ? 0 : 1,
                Summary.seconds(catchUp) + " release→all produced so far stored",
                produced + " completions produced (20/s); " + held + " connections held, " + refusals
                        + " refusals seen; service sessions terminated; liveness UP throughout: " + liveThroughout
                        + (details.isEmpty() ? "" : "; " + details)));
        assertThat(details)
                .as("completions produced while PostgreSQL refused connections")
                .isEmpty();
        assertThat(liveThroughout)
                .as("liveness while PostgreSQL refuses connections")
                .isTrue();
    }

    @Test
    void threeBrokersAndThreeReplicasRolledThenABrokerKilledUnderLoad() throws Exception {
        ClusterScenario.Result result = ClusterScenario.run(FaultStack.get(), OVERLAP, CALLS_PER_SECOND * 3 / 2);
        SUMMARY.add(
                "9. three brokers (RF 3, min ISR 2), three replicas: brokers rolled, replicas rolled, the active controller kill -9 "
                        + ClusterScenario.KILL_SECONDS + " s",
                result.tally(),
                result.audit(),
                result.recovery(),
                result.notes());
        assertGuarantees(result.tally(), result.audit());
        assertThat(result.ingestDetails())
                .as("completions produced while brokers and replicas restarted")
                .isEmpty();
        assertThat(result.acceptedWhileKilled())
                .as("raters keep working while a broker is dead")
                .isPositive();
    }

    /** The load of scenarios 1-3 and 7: 16 raters on one replica, named after the campaign. */
    private static Raters sixteenRaters(FaultStack stack, ServiceProcess service, String slug) {
        return new Raters(slug, 16, CALLS_PER_SECOND, i -> service.baseUrl(), i -> stack.rater(slug + "-rater-" + i));
    }

    private static String campaign(FaultStack stack, String prefix, int prompts) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.campaign(stack.replica(0).baseUrl(), stack.admin(), slug, OVERLAP, prompts);
        return slug;
    }

    /** Waits until {@code more} further judgments have been accepted. */
    static void awaitAccepted(Tally tally, int more) {
        int target = tally.acceptedJudgments().size() + more;
        Awaitility.await(more + " more accepted judgments")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> tally.acceptedJudgments().size() >= target);
    }

    private static List<Tally.Call> callsWithin(Tally tally, long from, long to) {
        return tally.calls().stream()
                .filter(c -> c.startNanos() >= from && c.endNanos() <= to)
                .toList();
    }

    private static void assertGuarantees(Tally tally, Audit.Result audit) {
        assertThat(audit.details())
                .as("lost or phantom judgments or consensus records, broken invariants")
                .isEmpty();
        assertThat(audit.consensus().records())
                .as("consensus records of the campaign (the consensus check is not vacuous)")
                .isPositive();
        assertThat(tally.serverErrorSamples())
                .as("5xx answers other than 503 problem+json")
                .isEmpty();
    }
}
