package dev.fairwise.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Topics the packaged service creates survive a broker loss (replication factor 3, 2 replicas in sync),
 * while dev and the tests keep single-broker values (the local run and the fault suite set the
 * FAIRWISE_TOPICS_* variables to 1).
 */
class ProductionTopicDefaultsTest {

    @Test
    void productionCreatesReplicatedTopicsAndOtherProfilesSingleBrokerOnes() throws IOException {
        assertThat(config("prod").getValue("fairwise.topics.replication-factor", Short.class))
                .isEqualTo((short) 3);
        assertThat(config("prod").getValue("fairwise.topics.min-insync-replicas", Integer.class))
                .isEqualTo(2);
        for (String profile : new String[] {"dev", "test"}) {
            // unset: TopicsConfig's defaults (1 and 1) apply
            assertThat(config(profile).getOptionalValue("fairwise.topics.replication-factor", Short.class))
                    .as(profile)
                    .isEmpty();
            assertThat(config(profile).getOptionalValue("fairwise.topics.min-insync-replicas", Integer.class))
                    .as(profile)
                    .isEmpty();
        }
    }

    private static SmallRyeConfig config(String profile) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        ProductionTopicDefaultsTest.class.getResource("/application.properties"), 250))
                .build();
    }
}
