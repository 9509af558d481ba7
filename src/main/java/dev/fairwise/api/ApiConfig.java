package dev.fairwise.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits that protect the REST API. */
@ConfigMapping(prefix = "fairwise.api")
public interface ApiConfig {

    /** Largest request body, in bytes, for ordinary endpoints. */
    @WithDefault("65536")
    long maxBodyBytes();

    /** Largest request body, in bytes, for endpoints marked {@link LargeBody} (batch ingest). */
    @WithDefault("16777216")
    long maxLargeBodyBytes();
}
