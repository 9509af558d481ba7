package dev.fairwise.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.Awaitility;

/**
 * Runs Fairwise on this machine as a newcomer would: a real PostgreSQL server (data kept in
 * {@code .fairwise-local/}), a real Kafka broker on localhost:9092, and the packaged service, then loads the
 * demo campaigns and prints URLs and tokens. Ctrl-C stops all three. Lives in the test sources, so none of
 * this reaches the production artifact. Started by {@code deploy/local/run.sh}.
 */
public final class LocalStack {
    private static final Logger QUIET = Logger.getLogger("io.zonky");
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

    private LocalStack() {}

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(Level.WARNING);
        Path home = Path.of(env("FAIRWISE_LOCAL_DIR", ".fairwise-local")).toAbsolutePath();
        int httpPort = Integer.parseInt(env("FAIRWISE_LOCAL_HTTP_PORT", "8080"));
        int pgPort = Integer.parseInt(env("FAIRWISE_LOCAL_PG_PORT", "15432"));
        int kafkaPort = Integer.parseInt(env("FAIRWISE_LOCAL_KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(env("FAIRWISE_LOCAL_KAFKA_CONTROLLER_PORT", "19093"));
        int managementPort = Integer.parseInt(env("FAIRWISE_LOCAL_MANAGEMENT_PORT", "9000"));
        // Loopback only unless asked: the local run prints admin tokens valid for 30 days.
        String host = env("FAIRWISE_LOCAL_HOST", "127.0.0.1");
        Path app = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(app)) {
            fail("no " + app + ": build first with ./mvnw package -DskipTests (deploy/local/run.sh does)");
        }
        for (int port : List.of(httpPort, pgPort, kafkaPort, controllerPort, managementPort)) {
            if (Ports.open(port)) {
                fail("port " + port + " is in use; stop what uses it or set FAIRWISE_LOCAL_*_PORT (see README)");
            }
        }
        Files.createDirectories(home);
        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started)));

        say("starting PostgreSQL on localhost:" + pgPort + " (data in " + home.resolve("postgres") + ")");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(home.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(pgPort)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                        home.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                        home.resolve("postgres.log").toFile()))
                .start();
        started.add(postgres);

        say("starting Kafka on localhost:" + kafkaPort + " (log in " + home.resolve("kafka/broker.log") + ")");
        KafkaProcess kafka = new KafkaProcess(home.resolve("kafka"), kafkaPort, controllerPort).start();
        started.add(kafka);

        DevKeys keys = DevKeys.in(home.resolve("jwt"));
        String pseudonymSecret = DevKeys.secret(home.resolve("pseudonym-secret"));
        say("starting Fairwise on http://" + host + ":" + httpPort);
        ProcessBuilder service = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", app.toString())
                .inheritIO();
        service.environment()
                .putAll(Map.of(
                        "QUARKUS_HTTP_PORT",
                        String.valueOf(httpPort),
                        "DB_HOST",
                        "localhost",
                        "DB_PORT",
                        String.valueOf(pgPort),
                        "DB_NAME",
                        "postgres",
                        "DB_USER",
                        "postgres",
                        "DB_PASSWORD",
                        "postgres",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        kafka.bootstrapServers(),
                        "FAIRWISE_JWT_PUBLIC_KEY_LOCATION",
                        keys.publicKeyFile().toString(),
                        "FAIRWISE_JWT_ISSUER",
                        DevKeys.ISSUER,
                        "FAIRWISE_PSEUDONYM_SECRET",
                        pseudonymSecret));
        service.environment().put("QUARKUS_HTTP_HOST", host);
        service.environment().put("QUARKUS_MANAGEMENT_HOST", host);
        service.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        service.environment().put("QUARKUS_SWAGGER_UI_ENABLED", "true");
        // one broker: the production topic defaults (3 replicas, 2 in sync) cannot be met
        service.environment().put("FAIRWISE_TOPICS_REPLICATION_FACTOR", "1");
        service.environment().put("FAIRWISE_TOPICS_MIN_INSYNC_REPLICAS", "1");
        Process fairwise = service.start();
        started.add(() -> {
            fairwise.destroy();
            fairwise.waitFor();
        });

        String base = "http://" + host + ":" + httpPort;
        String management = "http://" + host + ":" + managementPort;
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("Fairwise ready")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!fairwise.isAlive()) {
                        throw new IllegalStateException("the service exited; see its log above");
                    }
                    return status(
                                    http,
                                    HttpRequest.newBuilder(URI.create(management + "/q/health/ready"))
                                            .build())
                            == 200;
                });

        String admin = keys.token("demo-admin", TOKEN_LIFETIME, DevKeys.ADMIN);
        String alice = keys.token("rater-alice", TOKEN_LIFETIME, DevKeys.RATER);
        String bob = keys.token("rater-bob", TOKEN_LIFETIME, DevKeys.RATER);
        Map<String, Integer> comparisons = DemoData.load(http, base, admin, kafka.bootstrapServers());
        // the quality demo's raters are others than alice and bob, so the tour's first leases are theirs alone
        Map<String, String> scripted = new LinkedHashMap<>();
        for (String rater : DemoQualityRound.RATERS) {
            scripted.put(rater, keys.token(rater, TOKEN_LIFETIME, DevKeys.RATER));
        }
        say("scripting a round of judgments by " + String.join(", ", scripted.keySet()) + " in "
                + DemoQualityRound.SLUG);
        DemoQualityRound.Result quality = DemoQualityRound.run(http, base, admin, scripted, home);

        StringBuilder env = new StringBuilder("export FAIRWISE=" + base + "\nexport ADMIN_TOKEN=" + admin
                + "\nexport RATER1_TOKEN=" + alice + "\nexport RATER2_TOKEN=" + bob + "\nexport RATE_LINK=" + base
                + "/sign-in#token=" + alice + "\n");
        int n = 3;
        for (Map.Entry<String, String> rater : scripted.entrySet()) {
            env.append("export RATER")
                    .append(n++)
                    .append("_TOKEN=")
                    .append(rater.getValue())
                    .append("   # ")
                    .append(rater.getKey())
                    .append('\n');
        }
        env.append("export KAFKA_BOOTSTRAP_SERVERS=")
                .append(kafka.bootstrapServers())
                .append('\n');
        Files.writeString(home.resolve("tokens.env"), env.toString());
        List<String> banner = new ArrayList<>(List.of(
                "",
                "==================================================================================",
                " Fairwise is running. Ctrl-C stops the service, Kafka and PostgreSQL.",
                "   Rate in your browser, signed in as rater-alice (the token stays after the #):",
                "                 " + base + "/sign-in#token=" + alice,
                "   Leaderboard of demo-quality's models, signed in as the admin:",
                "                 " + base + "/sign-in#token=" + admin + "&next=/admin/leaderboard?campaign="
                        + DemoQualityRound.SLUG,
                "   API           " + base + "/api/v1",
                "   Swagger UI    " + base + "/q/swagger-ui",
                "   Health        " + management + "/q/health",
                "   Metrics       " + management + "/q/metrics",
                "   Kafka         " + kafka.bootstrapServers(),
                "   PostgreSQL    localhost:" + pgPort + " (database postgres, user postgres)"));
        comparisons.forEach(
                (slug, count) -> banner.add(" Demo campaign '" + slug + "': " + count + " comparisons so far."));
        banner.addAll(quality.summary());
        banner.addAll(List.of(
                " Tokens (valid 30 days) are in .fairwise-local/tokens.env:  source .fairwise-local/tokens.env",
                "   admin         ADMIN_TOKEN=" + admin,
                "   rater-alice   RATER1_TOKEN=" + alice,
                "   rater-bob     RATER2_TOKEN=" + bob,
                "   rater-carol, rater-dan, rater-erin, rater-finn (the quality demo's raters)  RATER3_TOKEN … RATER6_TOKEN",
                "==================================================================================",
                ""));
        System.out.println(String.join("\n", banner));
        int exit = fairwise.waitFor();
        System.exit(exit == 143 || exit == 130 ? 0 : exit);
    }

    static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void stopAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("local stack: stopping failed: " + e);
            }
        }
        say("stopped");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String message) {
        System.out.println("[local] " + message);
    }

    private static void fail(String message) {
        System.err.println("[local] " + message);
        System.exit(2);
    }
}
