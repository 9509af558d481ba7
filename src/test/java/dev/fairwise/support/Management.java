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

    /**
     * The sum of the Prometheus samples named {@code name} (any labels) whose line also contains every one
     * of {@code labels} (say {@code source="kafka"}), as {@code /q/metrics} shows them now.
     */
    public static double sum(String name, String... labels) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
