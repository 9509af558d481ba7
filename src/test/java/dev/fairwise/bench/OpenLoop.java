package dev.fairwise.bench;

import dev.fairwise.local.DevKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lease and submit latency at a fixed arrival rate (open loop): a new rating cycle starts every 1/rate
 * seconds whether or not earlier ones have finished, and lease latency counts from the moment the cycle
 * was due, so time spent queueing (in the client or the service) is not hidden as it is in a closed loop.
 */
final class OpenLoop {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private OpenLoop() {}

    record Result(double rate, long cycles, long errors, double[] lease, double[] submit) {}

    /** p50, p99 and p99.9 in milliseconds of lease and submit at {@code rate} cycles/s for {@code seconds}. */
    static Result run(String base, DevKeys keys, String campaign, int rate, int seconds) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // A rater's cycles come 5 s apart, long enough for the previous one to end even when slow.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < rate * 5; i++) {
            tokens.add(keys.token("open-loop-" + UUID.randomUUID(), Duration.ofHours(1), DevKeys.RATER));
        }
        ConcurrentLinkedQueue<Long> lease = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> submit = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long periodNanos = 1_000_000_000L / rate;
        long warmUp = 5L * rate;
        long total = warmUp + (long) seconds * rate;
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        java.util.concurrent.CountDownLatch allDue = new java.util.concurrent.CountDownLatch(1);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(
                () -> {
                    // catch up on every cycle that has come due, so a late tick does not lower the rate
                    long due = Math.min(total, (System.nanoTime() - start) / periodNanos + 1);
                    for (long i = next.get(); i < due; i = next.incrementAndGet()) {
                        long intended = start + i * periodNanos;
                        boolean measured = i >= warmUp;
                        String token = tokens.get((int) (i % tokens.size()));
                        inFlight.add(cycle(http, base, campaign, token, intended, measured, lease, submit, errors));
                    }
                    if (next.get() >= total) {
                        allDue.countDown();
                    }
                },
                0,
                Math.max(1, periodNanos / 2),
                TimeUnit.NANOSECONDS);
        allDue.await();
        clock.shutdownNow();
        for (CompletableFuture<?> f : inFlight) {
            f.get(60, TimeUnit.SECONDS);
        }
        return new Result(rate, lease.size(), errors.get(), percentiles(lease), percentiles(submit));
    }

    private static CompletableFuture<?> cycle(
            HttpClient http,
            String base,
            String campaign,
            String token,
            long intended,
            boolean measured,
            ConcurrentLinkedQueue<Long> lease,
            ConcurrentLinkedQueue<Long> submit,
            AtomicLong errors) {
        HttpRequest leaseRequest = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/campaigns/" + campaign + "/assignments"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.sendAsync(leaseRequest, HttpResponse.BodyHandlers.ofString())
                .thenCompose(leased -> {
                    long leasedAt = System.nanoTime();
                    if (leased.statusCode() != 200 && leased.statusCode() != 201) {
                        errors.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    }
                    if (measured) {
                        lease.add(leasedAt - intended);
                    }
                    String id;
                    try {
                        id = JSON.readTree(leased.body()).path("id").asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    HttpRequest judge = HttpRequest.newBuilder(
                                    URI.create(base + "/api/v1/assignments/" + id + "/judgment"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"winner\":\"b\"}"))
                            .build();
                    return http.sendAsync(judge, HttpResponse.BodyHandlers.discarding())
                            .thenAccept(judged -> {
                                if (judged.statusCode() != 201) {
                                    errors.incrementAndGet();
                                } else if (measured) {
                                    submit.add(System.nanoTime() - leasedAt);
                                }
                            });
                })
                .exceptionally(e -> {
                    errors.incrementAndGet();
                    return null;
                });
    }

    private static double[] percentiles(ConcurrentLinkedQueue<Long> nanos) {
        return new double[] {
            RatingBench.percentile(nanos, 0.50) / 1e6,
            RatingBench.percentile(nanos, 0.99) / 1e6,
            RatingBench.percentile(nanos, 0.999) / 1e6
        };
    }
}
