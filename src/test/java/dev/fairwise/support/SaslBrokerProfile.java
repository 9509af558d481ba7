package dev.fairwise.support;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service against {@link TestInfrastructure#saslBroker()}, a broker that accepts only clients
 * authenticated with SASL/PLAIN, configured the way production sets it: {@code kafka.security.protocol},
 * {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config}.
 */
public class SaslBrokerProfile implements QuarkusTestProfile {}
