package dev.fairwise.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.db.Rows;
import dev.fairwise.ingest.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a campaign's judgments for export, one keyset page at a time. */
@ApplicationScoped
class ExportStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader MESSAGES = JSON.readerFor(new TypeReference<List<Message>>() {});
    private static final ObjectReader CRITERIA = JSON.readerFor(new TypeReference<List<Criterion>>() {});
    private static final ObjectReader ANSWERS = JSON.readerFor(new TypeReference<Map<String, String>>() {});

    /** The campaign an export reads. */
    record Campaign(long id, String slug, List<String> criteria, boolean perCampaignPseudonyms) {}

    /** One judgment with its comparison's texts, everything in stored order. */
    record Judged(
            UUID id,
            Instant createdAt,
            String rater,
            String winner,
            String strength,
            Map<String, String> criteria,
            String rationale,
            long activeMs,
            String shownOrder,
            int guidelineVersion,
            UUID comparisonId,
            List<String> contentTags,
            boolean gold,
            String promptKey,
            List<Message> prompt,
            String aKey,
            String aModel,
            List<Message> aResponse,
            String bKey,
            String bModel,
            List<Message> bResponse) {}

    private static final String CAMPAIGN = """
            select id, slug, criteria, pseudonyms = 'per_campaign' as per_campaign
            from campaign where slug = $1""";

    /**
     * Parameters: campaign, since, after (created_at), after (id), limit, exclude gold, consensus only.
     * The first page starts after ('-infinity', the nil UUID).
     */
    private static final String PAGE = """
            select j.id, j.created_at, j.rater, j.winner, j.strength, j.criteria, j.rationale, j.active_ms,
                   a.shown_order, a.guideline_version, c.id as comparison_id, c.content_tags,
                   c.state = 'gold' as gold, p.prompt_key, p.messages,
                   lo.completion_key as a_key, lo.model as a_model, lo.response as a_response,
                   hi.completion_key as b_key, hi.model as b_model, hi.response as b_response
            from judgment j
            join assignment a on a.id = j.assignment_id
            join comparison c on c.id = j.comparison_id
            join prompt p on p.id = c.prompt_id
            join completion lo on lo.id = c.completion_lo
            join completion hi on hi.id = c.completion_hi
            left join consensus k on k.comparison_id = j.comparison_id
            where j.campaign_id = $1
              and j.created_at >= $2
              and (j.created_at, j.id) > ($3, $4)
              and (not $6 or c.state <> 'gold')
              and (not $7 or (k.verdict in ('a', 'b') and not k.split and k.verdict = j.winner))
            order by j.created_at, j.id
            limit $5""";

    private final Pool pool;

    ExportStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Campaign> campaign(String slug) {
        return pool.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(rows, ExportStore::campaign));
    }

    private static Campaign campaign(Row r) {
        List<Criterion> criteria = read(r.getString("criteria"), CRITERIA);
        return new Campaign(
                r.getLong("id"),
                r.getString("slug"),
                criteria.stream().map(Criterion::name).toList(),
                r.getBoolean("per_campaign"));
    }

    /** Where a page starts: after this (created_at, id). */
    record Cursor(Instant createdAt, UUID id) {
        static final Cursor START = new Cursor(Instant.parse("1970-01-01T00:00:00Z"), new UUID(0, 0));
    }

    Uni<List<Judged>> page(
            long campaign, Instant since, Cursor after, int limit, boolean excludeGold, boolean consensusOnly) {
        Tuple params = Tuple.tuple()
                .addLong(campaign)
                .addValue(Rows.at(since))
                .addValue(Rows.at(after.createdAt()))
                .addUUID(after.id())
                .addInteger(limit)
                .addBoolean(excludeGold)
                .addBoolean(consensusOnly);
        return pool.preparedQuery(PAGE).execute(params).map(rows -> Rows.all(rows, ExportStore::judged));
    }

    private static Judged judged(Row r) {
        return new Judged(
                r.getUUID("id"),
                Rows.instant(r, "created_at"),
                r.getString("rater"),
                r.getString("winner"),
                r.getString("strength"),
                read(r.getString("criteria"), ANSWERS),
                r.getString("rationale"),
                r.getLong("active_ms"),
                r.getString("shown_order"),
                r.getInteger("guideline_version"),
                r.getUUID("comparison_id"),
                Rows.strings(r, "content_tags"),
                r.getBoolean("gold"),
                r.getString("prompt_key"),
                read(r.getString("messages"), MESSAGES),
                r.getString("a_key"),
                r.getString("a_model"),
                read(r.getString("a_response"), MESSAGES),
                r.getString("b_key"),
                r.getString("b_model"),
                read(r.getString("b_response"), MESSAGES));
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(String json, ObjectReader reader) {
        try {
            return (T) reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
