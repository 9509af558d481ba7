package dev.fairwise.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collector;

/**
 * The reads behind quality figures: a campaign's judgments with how they were shown and the gold verdicts, or
 * those of the comparisons one rater judged; skips from the pay ledger (which has one entry per skip). Rows
 * are read by column name.
 */
final class QualityStore {
    private QualityStore() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader CRITERIA = JSON.readerFor(new TypeReference<Map<String, String>>() {});

    /** A campaign as the report needs it. */
    record CampaignInfo(long id, String slug, int overlap, boolean hasCriteria, boolean perCampaignPseudonyms) {}

    private static final String CAMPAIGN = """
            select id, slug, overlap, criteria <> '[]' as has_criteria, pseudonyms = 'per_campaign' as per_campaign
            from campaign where slug = $1""";

    static Uni<CampaignInfo> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(
                        rows,
                        r -> new CampaignInfo(
                                r.getLong("id"),
                                r.getString("slug"),
                                r.getInteger("overlap"),
                                r.getBoolean("has_criteria"),
                                r.getBoolean("per_campaign"))));
    }

    private static final String ACTIVE_CAMPAIGNS = "select slug from campaign where state = 'active' order by id";

    static Uni<List<String>> activeCampaigns(SqlClient db) {
        return db.preparedQuery(ACTIVE_CAMPAIGNS).execute().map(rows -> Rows.all(rows, r -> r.getString("slug")));
    }

    /** Every judgment of a campaign. Parameter: campaign. */
    private static final String FACTS = """
            select j.comparison_id, j.rater, j.winner, j.strength, j.criteria, j.active_ms, a.shown_order,
                   g.verdict as gold_verdict
            from judgment j
            join assignment a on a.id = j.assignment_id
            left join gold_item g on g.comparison_id = j.comparison_id
            where j.campaign_id = $1""";

    /**
     * A campaign's facts, made as the rows arrive rather than from a result set held whole: at 100,000
     * judgments the rows and one set of strings and criteria maps per judgment filled the heap, and the
     * report spent most of its time in full collections. Repeated values (a comparison's id, a rater, an
     * answer, a criteria object) are shared between facts.
     */
    static Uni<List<Fact>> facts(SqlClient db, long campaignId, boolean withCriteria) {
        return Uni.createFrom()
                .completionStage(() -> db.getDelegate()
                        .preparedQuery(FACTS)
                        .collecting(Collector.of(
                                () -> new FactReader(withCriteria),
                                FactReader::add,
                                (a, b) -> {
                                    throw new UnsupportedOperationException("rows are read in order");
                                },
                                FactReader::facts))
                        .execute(io.vertx.sqlclient.Tuple.of(campaignId))
                        .map(io.vertx.sqlclient.SqlResult::value)
                        .toCompletionStage());
    }

    /** Facts of one campaign, read a row at a time, with repeated values shared. */
    private static final class FactReader {
        private final boolean withCriteria;
        private final List<Fact> facts = new ArrayList<>();
        private final Map<UUID, UUID> comparisons = new HashMap<>();
        private final Map<String, String> strings = new HashMap<>();
        private final Map<String, Map<String, String>> criteria = new HashMap<>();

        FactReader(boolean withCriteria) {
            this.withCriteria = withCriteria;
        }

        void add(io.vertx.sqlclient.Row r) {
            facts.add(new Fact(
                    comparisons.computeIfAbsent(r.getUUID("comparison_id"), c -> c),
                    shared(r.getString("rater")),
                    shared(r.getString("winner")),
                    shared(r.getString("strength")),
                    withCriteria
                            ? criteria.computeIfAbsent(
                                    r.getString("criteria"), json -> Collections.unmodifiableMap(criteria(json)))
                            : Map.of(),
                    r.getLong("active_ms"),
                    shared(r.getString("shown_order")),
                    shared(r.getString("gold_verdict"))));
        }

        private String shared(String value) {
            return value == null ? null : strings.computeIfAbsent(value, v -> v);
        }

        List<Fact> facts() {
            return facts;
        }
    }

    /**
     * Every judgment of the comparisons a rater judged, with the campaign of each. Parameter: rater. The
     * rater's submitted assignments are found through their index on (rater, leased_at).
     */
    private static final String RATER_FACTS = """
            with mine as (select comparison_id from assignment where rater = $1 and state = 'submitted')
            select k.slug as campaign, k.pseudonyms = 'per_campaign' as per_campaign,
                   j.comparison_id, j.rater, j.winner, j.strength, j.active_ms, a.shown_order,
                   g.verdict as gold_verdict
            from mine m
            join judgment j on j.comparison_id = m.comparison_id
            join assignment a on a.id = j.assignment_id
            join campaign k on k.id = j.campaign_id
            left join gold_item g on g.comparison_id = j.comparison_id""";

    /** A rater's facts per campaign slug, and whether each campaign uses per-campaign pseudonyms. */
    record RaterFacts(Map<String, List<Fact>> byCampaign, Map<String, Boolean> perCampaign) {}

    static Uni<RaterFacts> raterFacts(SqlClient db, String rater) {
        return db.preparedQuery(RATER_FACTS).execute(Tuple.of(rater)).map(rows -> {
            Map<String, List<Fact>> byCampaign = new HashMap<>();
            Map<String, Boolean> perCampaign = new HashMap<>();
            for (Row r : rows) {
                String campaign = r.getString("campaign");
                byCampaign.computeIfAbsent(campaign, c -> new ArrayList<>()).add(fact(r, false));
                perCampaign.put(campaign, r.getBoolean("per_campaign"));
            }
            return new RaterFacts(byCampaign, perCampaign);
        });
    }

    /** Skips per rater in a campaign. Parameter: campaign. */
    private static final String SKIPS = """
            select rater, count(*) as skips from pay_entry where campaign_id = $1 and kind = 'skip' group by rater""";

    static Uni<Map<String, Long>> skips(SqlClient db, long campaignId) {
        return db.preparedQuery(SKIPS).execute(Tuple.of(campaignId)).map(rows -> counts(rows, "rater"));
    }

    /** A rater's skips per campaign slug. Parameter: rater. */
    private static final String RATER_SKIPS = """
            select k.slug as campaign, count(*) as skips
            from pay_entry e join campaign k on k.id = e.campaign_id
            where e.rater = $1 and e.kind = 'skip' group by k.slug""";

    static Uni<Map<String, Long>> raterSkips(SqlClient db, String rater) {
        return db.preparedQuery(RATER_SKIPS).execute(Tuple.of(rater)).map(rows -> counts(rows, "campaign"));
    }

    private static final String CONSENSUS_COUNT = "select count(*) as n from consensus where campaign_id = $1";

    static Uni<Long> consensusCount(SqlClient db, long campaignId) {
        return db.preparedQuery(CONSENSUS_COUNT)
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private static Map<String, Long> counts(io.vertx.mutiny.sqlclient.RowSet<Row> rows, String key) {
        Map<String, Long> counts = new HashMap<>();
        for (Row r : rows) {
            counts.put(r.getString(key), r.getLong("skips"));
        }
        return counts;
    }

    private static Fact fact(Row r, boolean withCriteria) {
        return new Fact(
                r.getUUID("comparison_id"),
                r.getString("rater"),
                r.getString("winner"),
                r.getString("strength"),
                withCriteria ? criteria(r.getString("criteria")) : Map.of(),
                r.getLong("active_ms"),
                r.getString("shown_order"),
                r.getString("gold_verdict"));
    }

    private static Map<String, String> criteria(String json) {
        try {
            return CRITERIA.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored criteria are unreadable", e);
        }
    }
}
