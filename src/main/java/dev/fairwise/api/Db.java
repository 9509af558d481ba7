package dev.fairwise.api;

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

    /** Whether PostgreSQL rejected a value itself (SQLSTATE class 22, e.g. a NUL character in text). */
    public static boolean isDataException(Throwable e) {
        String state = sqlState(e);
        return state != null && state.startsWith("22");
    }

    /** Whether a unique constraint rejected the write (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable e) {
        return "23505".equals(sqlState(e));
    }

    /**
     * Whether the failure means the database cannot be reached right now (refused or lost connection,
     * pool closed, timeout) rather than a bug or a rejected write: worth retrying, and a 503 to clients.
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
            String state = t instanceof PgException pg ? pg.getSqlState() : null;
            // 57P01-03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions
            if (state != null && (state.startsWith("57P") || state.startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
