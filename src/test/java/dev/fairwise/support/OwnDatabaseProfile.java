package dev.fairwise.support;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service against {@link TestInfrastructure#ownPostgres()}, a PostgreSQL server a test may stop and
 * start again, instead of the shared one.
 */
public class OwnDatabaseProfile implements QuarkusTestProfile {}
