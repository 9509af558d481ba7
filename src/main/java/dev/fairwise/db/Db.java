package dev.fairwise.db;

import io.vertx.pgclient.PgException;

/** Reads PostgreSQL failures: which constraint said no. */
public final class Db {
    private Db() {}

    /** The SQLSTATE of the first PostgreSQL error in the cause chain, or null. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * SQLSTATEs of class 22 (data exception) that a client's input can cause: 22001 string too long, 22003
     * numeric value out of range, 22021 invalid byte sequence, 22P02 invalid text representation, 22P05
     * untranslatable character (a NUL in text). The other codes of the class (division by zero, a null where
     * none is allowed, a bad date format the service itself wrote...) are bugs, answered 500 and logged.
     */
    static final java.util.Set<String> CLIENT_DATA_STATES =
            java.util.Set.of("22001", "22003", "22021", "22P02", "22P05");

    /** Whether PostgreSQL refused a value that came from the client (see {@link #CLIENT_DATA_STATES}). */
    public static boolean isDataException(Throwable e) {
        String state = sqlState(e);
        return state != null && CLIENT_DATA_STATES.contains(state);
    }

    /** Whether a unique constraint rejected the write (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable e) {
        return "23505".equals(sqlState(e));
    }

    /**
     * Whether the failure means the database cannot do the work right now (refused or lost connection,
     * pool closed, timeout, or a transient SQLSTATE: see {@link #isTransientState}) rather than a bug or a
     * rejected write: worth retrying without limit, and a 503 to clients.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            // Mutiny reports a failure and a failed clean-up together (say, a reset connection and the
            // rollback that could not be sent on it)
            if (t instanceof io.smallrye.mutiny.CompositeException composite
                    && composite.getCauses().stream().anyMatch(Db::isUnavailable)) {
                return true;
            }
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketException // connection reset, broken pipe
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Connection refused")
                    || message.contains("Pool closed")
                    || message.contains("connection was closed")
                    || message.contains("Timeout")) {
                return true;
            }
            if (isTransientState(
                    t instanceof PgException pg
                            ? pg.getSqlState()
                            : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs that say "not now" rather than "never": 08 connection exceptions, 40 serialization failures
     * and deadlocks, 53 insufficient resources (53300 too many connections), 57 operator intervention
     * (statement timeout, shutdown, cannot connect now) and 55P03 lock not available (lock timeout). The same
     * statement succeeds when tried again later, so the work is retried and clients are answered 503.
     */
    static boolean isTransientState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("40")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.equals("55P03"));
    }
}
