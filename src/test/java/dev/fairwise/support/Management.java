package dev.fairwise.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the management interface (health and metrics), which listens apart from the API. */
public final class Management {
    private Management() {}

    /** A REST Assured request aimed at the management port of the service under test. */
    public static RequestSpecification given() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return RestAssured.given().port(port);
    }
}
