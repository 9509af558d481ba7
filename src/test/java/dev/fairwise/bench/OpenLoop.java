package dev.fairwise.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.local.DevKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Lease and submit latency at a fixed arrival rate (open loop): a new rating cycle starts every 1/rate
 * seconds whether or not earlier ones have finished, and lease latency counts from the moment the cycle
 * was due, so time spent queueing (in the client or the service) is not hidden as it is in a closed loop.
 * The client is the closed loop's: one Vert.x event loop, keep-alive HTTP/1.1 connections from one pool.
 */
final class OpenLoop {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Connections the pool may open; at the rates used (a few hundred cycles/s) only a few are ever busy. */
    private static final int MAX_CONNECTIONS = 256;

    private static final Buffer JUDGMENT = Buffer.buffer("{\"winner\":\"b\"}");

    private OpenLoop() {}

    record Result(double rate, long cycles, long errors, double[] lease, double[] submit) {}

    /** p50, p99 and p99.9 in milliseconds of lease and submit at {@code rate} cycles/s for {@code seconds}. */
    static Result run(String base, DevKeys keys, String campaign, int rate, int seconds) throws Exception {
        // A rater's cycles come 5 s apart, long enough for the previous one to end even when slow.
        List<String> authorizations = new ArrayList<>();
        for (int i = 0; i < rate * 5; i++) {
            authorizations.add(
                    "Bearer " + keys.token("open-loop-" + UUID.randomUUID(), Duration.ofHours(1), DevKeys.RATER));
        }
        URI uri = URI.create(base);
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        long periodNanos = 1_000_000_000L / rate;
        long warmUp = 5L * rate;
        long total = warmUp + (long) seconds * rate;
        Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        try {
            HttpClient client = vertx.createHttpClient(
                    new HttpClientOptions()
                            .setProtocolVersion(HttpVersion.HTTP_1_1)
                            .setKeepAlive(true)
                            .setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
            Run run = new Run(client, uri.getHost(), port, campaign, total);
            vertx.runOnContext(v -> {
                long start = System.nanoTime();
                // every millisecond, start each cycle that has come due (a late tick does not lower the rate)
                vertx.setPeriodic(1, timer -> {
                    long due = Math.min(total, (System.nanoTime() - start) / periodNanos + 1);
                    for (; run.next < due; run.next++) {
                        long i = run.next;
                        run.cycle(start + i * periodNanos, i >= warmUp, authorizations.get((int)
                                (i % authorizations.size())));
                    }
                    if (run.next >= total) {
                        vertx.cancelTimer(timer);
                    }
                });
            });
            run.finished.get(seconds + 5L + 120, TimeUnit.SECONDS);
            return new Result(
                    rate, run.lease.getTotalCount(), run.errors, percentiles(run.lease), percentiles(run.submit));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** One open-loop run's state; touched only on the event loop, read by the caller after {@link #finished}. */
    private static final class Run {
        final HttpClient client;
        final String host;
        final int port;
        final String leasePath;
        final long total;
        final Histogram lease = new Histogram(3); // microseconds
        final Histogram submit = new Histogram(3);
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        long next;
        long ended;
        long errors;

        Run(HttpClient client, String host, int port, String campaign, long total) {
            this.client = client;
            this.host = host;
            this.port = port;
            this.leasePath = "/api/v1/campaigns/" + campaign + "/assignments";
            this.total = total;
        }

        void cycle(long intended, boolean measured, String authorization) {
            call(request(leasePath, authorization), null)
                    .compose(leased -> {
                        long leasedAt = System.nanoTime();
                        if (leased.status() != 200 && leased.status() != 201) {
                            errors++;
                            return Future.succeededFuture();
                        }
                        if (measured) {
                            lease.recordValue(Math.max(1, (leasedAt - intended) / 1000));
                        }
                        String id;
                        try {
                            id = JSON.readTree(leased.body().getBytes())
                                    .path("id")
                                    .asText();
                        } catch (IOException e) {
                            return Future.failedFuture(e);
                        }
                        RequestOptions judge = request("/api/v1/assignments/" + id + "/judgment", authorization)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                        return call(judge, JUDGMENT).map(judged -> {
                            if (judged.status() != 201) {
                                errors++;
                            } else if (measured) {
                                submit.recordValue(Math.max(1, (System.nanoTime() - leasedAt) / 1000));
                            }
                            return null;
                        });
                    })
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            errors++;
                        }
                        if (++ended == total) {
                            finished.complete(null);
                        }
                    });
        }

        private RequestOptions request(String path, String authorization) {
            return new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(host)
                    .setPort(port)
                    .setURI(path)
                    .setIdleTimeout(60_000)
                    .putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }

        private Future<Answer> call(RequestOptions options, Buffer body) {
            return client.request(options)
                    .compose(request -> body == null ? request.send() : request.send(body))
                    .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)));
        }
    }

    private record Answer(int status, Buffer body) {}

    private static double[] percentiles(Histogram micros) {
        return new double[] {
            RatingBench.millis(micros, 50.0, 1000.0),
            RatingBench.millis(micros, 99.0, 1000.0),
            RatingBench.millis(micros, 99.9, 1000.0)
        };
    }
}
