package dev.fairwise.api;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Latency buckets for the HTTP server timer ({@code http_server_requests_seconds_bucket{le}}), so Prometheus
 * can compute lease and submit latency percentiles across replicas (deploy/grafana/fairwise.json). A fixed
 * short list rather than Micrometer's default histogram: about 70 buckets for every route and status would
 * multiply the series a scrape carries.
 */
@Singleton
public class HttpLatencyBuckets {
    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                // a timer's buckets are given in nanoseconds
                double[] nanos = new double[SECONDS.length];
                for (int i = 0; i < SECONDS.length; i++) {
                    nanos[i] = SECONDS[i] * 1e9;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(nanos)
                        .build()
                        .merge(config);
            }
        };
    }
}
