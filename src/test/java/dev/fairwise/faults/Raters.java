package dev.fairwise.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * The load client: raters that lease and judge in a loop, paced to a fixed total rate of calls, spread over
 * the replicas. A submit whose outcome is unknown (or that met a 503 or a refused connection) is sent again
 * with the same Idempotency-Key, as the rating frontend does, until it gets a definite answer.
 */
final class Raters implements AutoCloseable {
    private static final int MAX_SUBMIT_ATTEMPTS = 500;

    private final Tally tally = new Tally();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Semaphore permits = new Semaphore(0);
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Starts {@code raters} raters on {@code campaign}; rater i talks to {@code replica.apply(i)} (asked anew
     * for every call, so a scenario can move raters between replicas).
     */
    Raters(String campaign, int raters, int callsPerSecond, IntFunction<String> replica, IntFunction<String> token) {
        int perTick = Math.max(1, callsPerSecond / 100);
        pacer.scheduleAtFixedRate(
                () -> {
                    if (permits.availablePermits() < callsPerSecond) {
                        permits.release(perTick);
                    }
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < raters; i++) {
            int rater = i;
            String bearer = token.apply(i);
            Thread t = new Thread(() -> rate(campaign, () -> replica.apply(rater), bearer), "rater-" + i);
            threads.add(t);
            t.start();
        }
    }

    Tally tally() {
        return tally;
    }

    private void rate(String campaign, java.util.function.Supplier<String> base, String token) {
        while (pace()) {
            Api.Answer lease = timed(
                    "lease",
                    "POST",
                    base.get() + "/api/v1/campaigns/" + campaign + "/assignments",
                    token,
                    null,
                    Map.of());
            if (lease.status() != 200 && lease.status() != 201) {
                continue;
            }
            String assignment = lease.json().path("id").asText();
            tally.leased(assignment);
            String key = UUID.randomUUID().toString();
            String winner =
                    List.of("a", "b", "tie").get(ThreadLocalRandom.current().nextInt(3));
            byte[] body = ("{\"winner\":\"" + winner + "\"}").getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < MAX_SUBMIT_ATTEMPTS && pace(); attempt++) {
                Api.Answer submit = timed(
                        "submit",
                        "POST",
                        base.get() + "/api/v1/assignments/" + assignment + "/judgment",
                        token,
                        body,
                        Map.of("Idempotency-Key", key));
                if (submit.status() == 201) {
                    tally.accepted(submit.json().path("judgment_id").asText());
                    break;
                }
                boolean worthRetrying = submit.status() <= 0 || submit.status() == 503;
                if (!worthRetrying) {
                    break;
                }
            }
        }
    }

    private Api.Answer timed(
            String op, String method, String url, String token, byte[] body, Map<String, String> headers) {
        long start = System.nanoTime();
        Api.Answer answer = Api.call(method, url, token, body, headers);
        tally.record(
                new Tally.Call(op, start, System.nanoTime(), answer.status(), answer.problemJson()), answer.body());
        return answer;
    }

    /** Waits for the next paced slot; false once the run is over. */
    private boolean pace() {
        try {
            while (!stop.get()) {
                if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the raters after their current call and waits for them. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        pacer.shutdownNow();
        for (Thread t : threads) {
            t.join();
        }
    }
}
