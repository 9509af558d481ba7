package dev.fairwise.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is away" (503, retry) and which are bugs (500). */
class DbTest {

    @Test
    void aConnectionLostMidTransactionIsUnavailableEvenWhenReportedWithItsFailedRollback() {
        // what the fault suite saw when PostgreSQL stopped while a transaction was starting
        Throwable seen = new CompositeException(List.of(
                new SocketException("Connection reset"),
                new IllegalStateException("HR000090: Live transaction detected while closing the connection")));
        assertThat(Db.isUnavailable(seen)).isTrue();
        assertThat(Db.isUnavailable(new RuntimeException("wrapped", new ConnectException("Connection refused"))))
                .isTrue();
    }

    @Test
    void transientSqlStatesAreRetriedLikeAnUnreachableDatabase() {
        for (String state : List.of("08006", "40001", "40P01", "53300", "53200", "57014", "57P01", "55P03")) {
            assertThat(Db.isUnavailable(
                            new RuntimeException("wrapped", new PgException("not now", "FATAL", state, null))))
                    .as(state)
                    .isTrue();
            assertThat(Db.isUnavailable(new java.sql.SQLException("not now", state)))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void failuresThatRecurOnEveryTryAreNotTransient() {
        for (String state : List.of("23505", "23503", "42P01", "42703", "22P02", "55000", "XX000")) {
            assertThat(Db.isUnavailable(new PgException("always", "ERROR", state, null)))
                    .as(state)
                    .isFalse();
        }
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Db.isUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(Db.isUnavailable(new CompositeException(
                        List.of(new IllegalArgumentException("bad"), new IllegalStateException("worse")))))
                .isFalse();
    }

    @Test
    void onlyDataExceptionsAClientCanCauseAreTheClientsFault() {
        for (String state : List.of("22001", "22003", "22021", "22P02", "22P05")) {
            assertThat(Db.isDataException(new PgException("bad value", "ERROR", state, null)))
                    .as(state)
                    .isTrue();
        }
        // division by zero, null value not allowed, invalid datetime format: bugs, answered 500
        for (String state : List.of("22012", "22004", "22007", "22023")) {
            assertThat(Db.isDataException(new PgException("bug", "ERROR", state, null)))
                    .as(state)
                    .isFalse();
        }
    }
}
