package dev.fairwise.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL server with a fixed data directory and port, so a test can stop it (an outage) and
 * start it again with its data, where the service finds it as before.
 */
public final class OwnPostgres {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    OwnPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Starts the server on its port and data directory (created on the first start). */
    public synchronized OwnPostgres start() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
        return this;
    }

    /** Stops the server (a fast shutdown: open connections are ended); its data stays. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not stop", e);
            } finally {
                server = null;
            }
        }
    }
}
