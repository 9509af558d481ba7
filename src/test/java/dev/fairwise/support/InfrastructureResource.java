package dev.fairwise.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the service under test at the real PostgreSQL and broker of {@link TestInfrastructure}, and at the
 * test key pair of {@link Tokens}. Registered for every test by {@link AllTests}.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {
    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (!TestInfrastructure.externalDatabase()
                || OwnDatabaseProfile.class.getName().equals(profile)) {
            int port = OwnDatabaseProfile.class.getName().equals(profile)
                    ? TestInfrastructure.ownPostgres().port()
                    : TestInfrastructure.postgresPort();
            config.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres");
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres");
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "postgres");
        }
        if (SaslBrokerProfile.class.getName().equals(profile)) {
            config.put(
                    "kafka.bootstrap.servers", TestInfrastructure.saslBroker().bootstrapServers());
            TestInfrastructure.saslClientSettings().forEach((key, value) -> config.put("kafka." + key, value));
        } else {
            config.put(
                    "kafka.bootstrap.servers",
                    OwnBrokerProfile.class.getName().equals(profile)
                            ? TestInfrastructure.ownBroker().bootstrapServers()
                            : TestInfrastructure.kafkaBootstrapServers());
        }
        config.put("mp.jwt.verify.publickey", Tokens.publicKeyBase64());
        config.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The servers live as long as the test JVM, shared by every test class.
    }
}
