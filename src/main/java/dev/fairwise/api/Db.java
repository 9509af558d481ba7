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

    /** Whether a unique constraint rejected the write (SQLSTATE 23505). */
    public static boolean isUniqueViolation(Throwable e) {
        return "23505".equals(sqlState(e));
    }
}
