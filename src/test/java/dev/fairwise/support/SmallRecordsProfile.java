package dev.fairwise.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A record limit of 64 KiB, so tests reach it with small records, on topics of their own (created with that
 * limit by the service, and seen by no other test).
 */
public class SmallRecordsProfile implements QuarkusTestProfile {
    public static final int MAX_MESSAGE_BYTES = 65_536;
    public static final String COMPLETIONS = "fairwise.small.completions.v1";
    public static final String COMPLETIONS_DLQ = "fairwise.small.completions.dlq.v1";
    public static final String PREFERENCES = "fairwise.small.preferences.v1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "fairwise.topics.max-message-bytes", String.valueOf(MAX_MESSAGE_BYTES),
                "fairwise.topics.completions", COMPLETIONS,
                "fairwise.topics.completions-dlq", COMPLETIONS_DLQ,
                "fairwise.topics.preferences", PREFERENCES);
    }
}
