package dev.fairwise.rater;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pseudonym secret that is too short stops the service at start-up, not at the first submit. */
@QuarkusMainTest
@TestProfile(PseudonymSecretTest.ShortSecret.class)
class PseudonymSecretTest {

    /** The service under test, with a secret of 8 characters. */
    public static class ShortSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fairwise.raters.pseudonym-secret", "too-shrt");
        }
    }

    @Test
    @Launch(
            value = {},
            exitCode = 1)
    void aShortSecretFailsStartUp(LaunchResult result) {
        assertThat(result.getErrorOutput() + result.getOutput()).contains("fairwise.raters.pseudonym-secret");
    }
}
