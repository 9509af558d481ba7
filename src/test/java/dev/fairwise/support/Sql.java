package dev.fairwise.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain JDBC to the database of the service under test, for tests that look at or set up rows directly. */
public final class Sql {
    private Sql() {}

    /** A new connection; the caller closes it. */
    public static Connection connect() {
        Config config = ConfigProvider.getConfig();
        try {
            return DriverManager.getConnection(
                    config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getValue("quarkus.datasource.password", String.class));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test database", e);
        }
    }

    /** Runs one statement with positional parameters; answers the updated row count. */
    public static int update(String sql, Object... parameters) {
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row of a query, or null when there is no row. */
    public static Object value(String sql, Object... parameters) {
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(
                    i + 1,
                    parameters[i] instanceof java.time.Instant instant
                            ? java.sql.Timestamp.from(instant)
                            : parameters[i]);
        }
    }
}
