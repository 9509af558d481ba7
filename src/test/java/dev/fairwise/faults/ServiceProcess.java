package dev.fairwise.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** One replica of the packaged service ({@code target/quarkus-app}), run as its own JVM. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private long startedAt;

    ServiceProcess(String name, int port, Map<String, String> env, Path log) {
        this.name = name;
        this.port = port;
        this.env = new HashMap<>(env);
        this.env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // health and metrics listen on the management interface, a port of its own per replica
        this.env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort()));
        this.log = log;
    }

    String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The management interface's port (health, metrics): the API port plus 1000. */
    int managementPort() {
        return port + 1000;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the JVM and answers how long it took until {@code /q/health/ready} said UP. */
    public Duration start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // The old generation holds about 35 MB at full load (256 raters; jcmd GC.heap_info); without a
                        // cap the JVM grows it
                        // towards a quarter of the machine's memory rather than collect. The serial
                        // collector is what the JVM itself picks for a container of 2 CPUs and under 2 GB:
                        // no concurrent GC threads or region tables. These are the settings we run with.
                        "-Xmx128m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        Path.of("target", "quarkus-app", "quarkus-run.jar").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // glibc's per-thread malloc arenas otherwise hold tens of MiB the JVM has freed
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        startedAt = System.nanoTime();
        process = builder.start();
        Awaitility.await(name + " ready")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return ready();
                });
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    boolean ready() {
        return probe("/q/health/ready");
    }

    /** Whether {@code /q/health/live} answers UP. */
    boolean live() {
        return probe("/q/health/live");
    }

    private boolean probe(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + path))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: no shutdown hooks, no graceful drain, open transactions cut. */
    public void kill() throws InterruptedException {
        if (alive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size in MiB, from /proc (Linux). */
    public long rssMib() throws IOException {
        for (String line :
                java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
