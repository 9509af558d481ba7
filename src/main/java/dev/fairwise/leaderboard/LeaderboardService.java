package dev.fairwise.leaderboard;

import dev.fairwise.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Computes a campaign's leaderboard on demand from its judgments (one grouped read), the fit and bootstrap off
 * the event loop.
 */
@ApplicationScoped
public class LeaderboardService {
    private final Pool pool;
    private final Clock clock;

    LeaderboardService(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The leaderboard of campaign {@code slug} with {@code rounds} bootstrap resamples. */
    public Uni<LeaderboardViews.Board> board(String slug, int rounds) {
        return pool.withConnection(db -> LeaderboardStore.campaign(db, slug).chain(id -> {
                    if (id == null) {
                        throw ApiException.notFound("no campaign '" + slug + "'");
                    }
                    return LeaderboardStore.cells(db, id);
                }))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map((List<Leaderboard.Cell> cells) -> Leaderboard.compute(slug, cells, rounds, clock.instant()));
    }
}
