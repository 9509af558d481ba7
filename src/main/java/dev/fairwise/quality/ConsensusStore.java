package dev.fairwise.quality;

import static dev.fairwise.db.Rows.at;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every statement on the {@code consensus} table (migration V8), which this class alone writes: in the
 * transaction of the submit that completes a comparison. Rows are read by column name.
 */
public final class ConsensusStore {
    private ConsensusStore() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader CRITERIA = JSON.readerFor(new TypeReference<Map<String, String>>() {});

    /**
     * A judgment of the comparison with its rater (a login, which goes no further than a pseudonym).
     *
     * @param id the judgment id
     * @param rater the rater's login
     * @param vote the verdict in stored order
     */
    public record Voted(UUID id, String rater, Consensus.Vote vote) {}

    /** The judgments of a comparison, in the order they were accepted. Parameter: comparison. */
    private static final String VOTES = """
            select j.id, j.rater, j.winner, j.strength, j.criteria from judgment j
            where j.comparison_id = $1 order by j.created_at, j.id""";

    /** Reads the comparison's judgments, including one inserted earlier in the caller's transaction. */
    public static Uni<List<Voted>> votes(SqlClient db, UUID comparison) {
        return db.preparedQuery(VOTES)
                .execute(Tuple.of(comparison))
                .map(rows -> Rows.all(
                        rows,
                        r -> new Voted(
                                r.getUUID("id"),
                                r.getString("rater"),
                                new Consensus.Vote(
                                        r.getString("winner"),
                                        r.getString("strength"),
                                        criteria(r.getString("criteria"))))));
    }

    /** Parameters: comparison, campaign, verdict, split, votes a/b/tie/both_bad, agreement, mean, criteria, at. */
    private static final String INSERT = """
            insert into consensus (comparison_id, campaign_id, verdict, split, votes_a, votes_b, votes_tie,
                                   votes_both_bad, agreement, mean_strength, criteria, decided_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";

    /** Stores a comparison's consensus in the caller's transaction. */
    public static Uni<Void> insert(
            SqlClient db, UUID comparison, long campaignId, Consensus c, String criteriaJson, Instant now) {
        Tuple params = Tuple.tuple()
                .addUUID(comparison)
                .addLong(campaignId)
                .addString(c.verdict())
                .addBoolean(c.split())
                .addInteger(c.votes().get("a"))
                .addInteger(c.votes().get("b"))
                .addInteger(c.votes().get("tie"))
                .addInteger(c.votes().get("both_bad"))
                .addDouble(c.agreement())
                .addDouble(c.meanStrength())
                .addString(criteriaJson)
                .addOffsetDateTime(at(now));
        return db.preparedQuery(INSERT).execute(params).replaceWithVoid();
    }

    private static Map<String, String> criteria(String json) {
        try {
            return CRITERIA.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored criteria are unreadable", e);
        }
    }
}
