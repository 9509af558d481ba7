package dev.fairwise.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Registers the real infrastructure for every {@code @QuarkusTest} in the run. */
@WithTestResource(value = InfrastructureResource.class, scope = TestResourceScope.GLOBAL)
public final class AllTests {
    private AllTests() {}
}
