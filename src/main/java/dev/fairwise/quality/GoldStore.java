package dev.fairwise.quality;

import static dev.fairwise.db.Rows.at;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every statement on the {@code gold_item} table (migration V8). A gold item is a comparison in state
 * {@code gold} (made by assignment/AssignmentStore, its texts stored by ingest/CompletionStore, the owners of
 * those tables): leased through the same path as any other, never complete, with its verdict kept here.
 * Rows are read by column name.
 */
final class GoldStore {
    private GoldStore() {}

    /** The campaign a gold item is added to. */
    record Target(long id, String state) {}

    private static final String CAMPAIGN = "select id, state from campaign where slug = $1";

    static Uni<Target> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(rows, r -> new Target(r.getLong("id"), r.getString("state"))));
    }

    /** Parameters: comparison, campaign, verdict, explanation, admin, now. */
    private static final String INSERT = """
            insert into gold_item (comparison_id, campaign_id, verdict, explanation, created_by, created_at)
            values ($1, $2, $3, $4, $5, $6)""";

    /** Keeps the known verdict of a gold item's comparison. */
    static Uni<Void> insert(
            SqlClient db,
            UUID comparison,
            long campaignId,
            String verdict,
            String explanation,
            String admin,
            Instant now) {
        return db.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(comparison, campaignId, verdict, explanation, admin, at(now))))
                .replaceWithVoid();
    }

    /** A gold item as admins list it, with how raters did on it. */
    record Listed(
            UUID id,
            String prompt,
            String responseA,
            String responseB,
            List<String> tags,
            String verdict,
            String explanation,
            long judgments,
            long agreed,
            Instant createdAt) {}

    /** Parameters: campaign, limit, offset. */
    private static final String LIST = """
            select g.comparison_id, p.messages as prompt, lo.response as response_a, hi.response as response_b,
                   c.content_tags, g.verdict, g.explanation, g.created_at,
                   (select count(*) from judgment j where j.comparison_id = g.comparison_id) as judgments,
                   (select count(*) from judgment j where j.comparison_id = g.comparison_id
                                                      and j.winner = g.verdict) as agreed
            from gold_item g
            join comparison c on c.id = g.comparison_id
            join prompt p on p.id = c.prompt_id
            join completion lo on lo.id = c.completion_lo
            join completion hi on hi.id = c.completion_hi
            where g.campaign_id = $1
            order by g.created_at, g.comparison_id
            limit $2 offset $3""";

    private static final String COUNT = "select count(*) as total from gold_item where campaign_id = $1";

    static Uni<List<Listed>> list(SqlClient db, long campaignId, int limit, long offset) {
        return db.preparedQuery(LIST)
                .execute(Tuple.of(campaignId, limit, offset))
                .map(rows -> Rows.all(rows, GoldStore::listed));
    }

    static Uni<Long> count(SqlClient db, long campaignId) {
        return db.preparedQuery(COUNT)
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    private static Listed listed(Row r) {
        return new Listed(
                r.getUUID("comparison_id"),
                r.getString("prompt"),
                r.getString("response_a"),
                r.getString("response_b"),
                Rows.strings(r, "content_tags"),
                r.getString("verdict"),
                r.getString("explanation"),
                r.getLong("judgments"),
                r.getLong("agreed"),
                Rows.instant(r, "created_at"));
    }
}
