package dev.fairwise.outbox;

import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A committed judgment wakes the relay: with the idle poll set to an hour, the record still reaches the
 * topic within seconds, so nothing but the commit's signal can have sent it.
 */
@QuarkusTest
@TestProfile(RelayWakeTest.HourlyPoll.class)
class RelayWakeTest {
    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fairwise.outbox.poll-interval", "1h");
        }
    }

    @Test
    void aCommittedJudgmentIsSentWithoutWaitingForThePoll() {
        String campaign = Rating.campaignWithComparisons("wake", 2, Map.of());
        for (int i = 0; i < 2; i++) { // the second proves the relay went back to waiting and woke again
            String rater = "wake-rater-" + i;
            String assignment = Rating.leaseId(rater, campaign);
            String judgment = Rating.submit(rater, assignment, Map.of("winner", "a"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("judgment_id");
            PreferencesTopic.awaitJudgments(Set.of(judgment), Duration.ofSeconds(10));
        }
    }
}
