package dev.fairwise.support;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service against {@link TestInfrastructure#ownBroker()}, a broker process a test may kill and
 * restart, instead of the shared in-JVM broker.
 */
public class OwnBrokerProfile implements QuarkusTestProfile {}
