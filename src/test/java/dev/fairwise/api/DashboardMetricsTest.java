package dev.fairwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.Management;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Rating;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard (deploy/grafana/fairwise.json) and the service stay in sync: every metric and every
 * exact label value (route, quantile, outcome) its PromQL names is in a real scrape of {@code /q/metrics} after a lease, a submit, a relayed record
 * and a dead letter.
 */
@QuarkusTest
class DashboardMetricsTest {
    private static final Path DASHBOARD = Path.of("deploy/grafana/fairwise.json");
    /** PromQL words that are not metric names: functions, aggregations, keywords. */
    private static final Set<String> PROMQL = Set.of(
            "sum",
            "max",
            "min",
            "avg",
            "count",
            "rate",
            "irate",
            "increase",
            "histogram_quantile",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "label_values",
            "clamp_min",
            "topk",
            "offset");

    @Test
    void metricNamesAreReadFromPromQlWithoutLabelsFunctionsOrRoutes() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket"
                        + "{job=~\"$job\", uri=\"/api/v1/campaigns/{slug}/assignments\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("label_values(fairwise_outbox_backlog{job=~\"$job\"}, instance)"))
                .containsExactly("fairwise_outbox_backlog");
        assertThat(metricNames("sum(rate(a_total[5m])) / sum(rate(b_total[5m]))"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void everyMetricAndLabelValueTheDashboardQueriesIsInARealScrape() throws IOException {
        String campaign = Rating.campaignWithComparisons("dashboard", 1, Map.of());
        String assignment = Rating.leaseId("dasha", campaign);
        String judgmentId = Rating.submit("dasha", assignment, Map.of("winner", "a"))
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");
        PreferencesTopic.awaitJudgments(Set.of(judgmentId), Duration.ofSeconds(30));
        Rating.lease("dasha", "no-such-campaign-" + UUID.randomUUID()).then().statusCode(404); // a 4xx
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, "dashboard-" + UUID.randomUUID(), "not json");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Management.sum("fairwise_completions_dead_lettered_total") > 0
                        && Management.sum("fairwise_outbox_relay_lag_seconds_count") > 0);
        String scrape = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Set<String> exported = new TreeSet<>();
        scrape.lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));

        List<String> expressions = expressions(new ObjectMapper().readTree(DASHBOARD.toFile()));
        assertThat(expressions).hasSizeGreaterThan(10);
        Set<String> queried = new TreeSet<>();
        Set<String> matchers = new TreeSet<>();
        for (String expr : expressions) {
            queried.addAll(metricNames(expr));
            // exact label matchers (uri="…", quantile="…", outcome="…"); the =~ ones are the template's
            Matcher label = Pattern.compile("\\w+=\"[^\"]*\"").matcher(expr);
            while (label.find()) {
                matchers.add(label.group());
            }
        }
        assertThat(queried).contains("fairwise_outbox_backlog", "http_server_requests_seconds_bucket");
        assertThat(exported).containsAll(queried);
        assertThat(matchers).contains("uri=\"/api/v1/assignments/{id}/judgment\"", "quantile=\"0.99\"");
        for (String matcher : matchers) {
            if (matcher.startsWith("outcome=")) {
                // a healthy run answers no 5xx, so that series is not in the scrape: the value must be one
                // Micrometer's HTTP binder writes
                io.micrometer.core.instrument.binder.http.Outcome.valueOf(matcher.substring(9, matcher.length() - 1));
            } else {
                assertThat(scrape).contains(matcher);
            }
        }
    }

    /** Every PromQL expression of the panels and of the template variables. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> found = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> found.add(e.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.has("definition")) {
                found.add(variable.get("definition").asText());
            }
        }
        return found;
    }

    /** The metric names of an expression: identifiers outside label matchers, grouping clauses and strings. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", " ") // strings first: a route holds braces
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
                .replaceAll("label_values\\((.*),\\s*\\w+\\s*\\)", "$1") // its last argument is a label
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher word = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (word.find()) {
            if (!PROMQL.contains(word.group())) {
                names.add(word.group());
            }
        }
        return names;
    }
}
