package dev.fairwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
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
        assertThat(Db.isUnavailable(new RuntimeException("wrapped", new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Db.isUnavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(Db.isUnavailable(new CompositeException(List.of(
                        new IllegalArgumentException("bad"), new IllegalStateException("worse")))))
                .isFalse();
    }
}
