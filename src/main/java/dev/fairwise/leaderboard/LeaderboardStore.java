package dev.fairwise.leaderboard;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;

/** The reads behind a leaderboard: the campaign, and its judgments counted per pair of models and winner. */
final class LeaderboardStore {
    private LeaderboardStore() {}

    private static final String CAMPAIGN = "select id from campaign where slug = $1";

    /** The campaign's id, or null when there is none. */
    static Uni<Long> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN).execute(Tuple.of(slug)).map(rows -> Rows.first(rows, r -> r.getLong("id")));
    }

    /**
     * A campaign's judgments counted per (model of the stored a, model of the stored b, winner). Gold items are
     * quality checks, not battles between models, and are left out. Parameter: campaign.
     */
    private static final String CELLS = """
            select ca.model as model_a, cb.model as model_b, j.winner, count(*) as judgments
            from judgment j
            join comparison c on c.id = j.comparison_id
            join completion ca on ca.id = c.completion_lo
            join completion cb on cb.id = c.completion_hi
            where j.campaign_id = $1
              and c.state <> 'gold'
              and not exists (select 1 from gold_item g where g.comparison_id = j.comparison_id)
            group by ca.model, cb.model, j.winner""";

    static Uni<List<Leaderboard.Cell>> cells(SqlClient db, long campaignId) {
        return db.preparedQuery(CELLS)
                .execute(Tuple.of(campaignId))
                .map(rows -> Rows.all(
                        rows,
                        r -> new Leaderboard.Cell(
                                r.getString("model_a"),
                                r.getString("model_b"),
                                r.getString("winner"),
                                r.getLong("judgments"))));
    }
}
