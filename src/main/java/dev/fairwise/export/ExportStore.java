package dev.fairwise.export;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Every statement an export reads. Nothing here writes. Judgments are read a page at a time in
 * (created_at, id) order, each page after the last row of the one before (a keyset, served by the index
 * judgment_campaign_created_idx), so a page costs the same at the end of a large campaign as at its start.
 * Rows are read by column name.
 */
final class ExportStore {
    private ExportStore() {}

    /** The campaign an export reads: its names, how it names raters, and its criteria. */
    record CampaignRow(long id, String slug, boolean perCampaignPseudonyms, List<String> criteria) {}

    /** Parameter: slug. */
    private static final String CAMPAIGN = """
            select k.id, k.slug, k.pseudonyms = 'per_campaign' as per_campaign,
                   array(select e ->> 'name' from jsonb_array_elements(k.criteria::jsonb) e) as criteria
            from campaign k
            where k.slug = $1""";

    /** The campaign {@code slug}, or null. */
    static Uni<CampaignRow> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(
                        rows,
                        r -> new CampaignRow(
                                r.getLong("id"),
                                r.getString("slug"),
                                r.getBoolean("per_campaign"),
                                Rows.strings(r, "criteria"))));
    }

    /**
     * What a page is asked for.
     *
     * @param campaign the campaign's row id
     * @param criterion the criterion whose answer is the verdict, or null for the overall winner
     * @param full read everything the preference record carries (the fairwise format), not only what the
     *     training formats need
     * @param decisiveOnly only verdicts a or b
     * @param excludeGold leave out judgments of gold items
     * @param consensusOnly only judgments that agree with their comparison's decisive consensus: one that is not
     *     split and whose verdict (on the criterion, when one is named) is a or b
     */
    record Filter(
            long campaign,
            String criterion,
            boolean full,
            boolean decisiveOnly,
            boolean excludeGold,
            boolean consensusOnly) {}

    /** Where a page starts: after this (created_at, id). */
    record Key(OffsetDateTime createdAt, UUID id) {}

    /**
     * One judgment with its comparison, prompt and the two completions in stored order. {@code verdict} is the
     * overall winner, or the answer on the exported criterion. The columns after {@code hiResponse} are read
     * only for the fairwise format (null or zero otherwise).
     */
    record ExportRow(
            UUID id,
            OffsetDateTime createdAt,
            String rater,
            String verdict,
            String strength,
            UUID comparisonId,
            String promptKey,
            String prompt,
            String loKey,
            String loModel,
            String loResponse,
            String hiKey,
            String hiModel,
            String hiResponse,
            String criteria,
            String rationale,
            long activeMs,
            String shownOrder,
            int guidelineVersion,
            List<String> contentTags,
            boolean gold) {

        Key key() {
            return new Key(createdAt, id);
        }
    }

    private static final String COMMON_COLUMNS = """
            select j.id, j.created_at, j.rater, v.verdict,
                   case when $2::text is null then j.strength end as strength, c.id as comparison_id, p.prompt_key,
                   p.messages, lo.completion_key as lo_key, lo.model as lo_model, lo.response as lo_response,
                   hi.completion_key as hi_key, hi.model as hi_model, hi.response as hi_response""";

    /**
     * Parameters: campaign, criterion (or null), after created_at, after id, decisive only, exclude gold,
     * consensus only, limit.
     */
    private static final String FROM_WHERE = """

            from judgment j
            cross join lateral (select case when $2::text is null then j.winner
                                            else j.criteria::jsonb ->> $2::text end as verdict) v
            join comparison c on c.id = j.comparison_id
            join prompt p on p.id = c.prompt_id
            join completion lo on lo.id = c.completion_lo
            join completion hi on hi.id = c.completion_hi
            left join gold_item g on g.comparison_id = j.comparison_id
            """;

    private static final String WHERE = """

            where j.campaign_id = $1
              and (j.created_at, j.id) > ($3, $4)
              and v.verdict is not null
              and (not $5 or v.verdict in ('a', 'b'))
              and (not $6 or g.comparison_id is null)
              and (not $7 or exists (
                      select 1 from consensus s
                      where s.comparison_id = j.comparison_id and not s.split
                        and v.verdict in ('a', 'b')
                        and v.verdict = case when $2::text is null then s.verdict
                                             else s.criteria::jsonb ->> $2::text end))
            order by j.created_at, j.id
            limit $8""";

    /** What the training formats (trl, hh, arena) need. */
    private static final String PAGE = COMMON_COLUMNS + FROM_WHERE + WHERE;

    /** Everything the preference record carries (the fairwise format). */
    private static final String FULL_PAGE =
            COMMON_COLUMNS + """
            ,
                   j.criteria, j.rationale, j.active_ms, a.shown_order, a.guideline_version, c.content_tags,
                   g.comparison_id is not null as gold""" + FROM_WHERE + "join assignment a on a.id = j.assignment_id" + WHERE;

    /** Up to {@code limit} judgments after {@code after}, in (created_at, id) order. */
    static Uni<List<ExportRow>> page(SqlClient db, Filter filter, Key after, int limit) {
        Tuple params = Tuple.tuple()
                .addLong(filter.campaign())
                .addString(filter.criterion())
                .addOffsetDateTime(after.createdAt())
                .addUUID(after.id())
                .addBoolean(filter.decisiveOnly())
                .addBoolean(filter.excludeGold())
                .addBoolean(filter.consensusOnly())
                .addInteger(limit);
        return db.preparedQuery(filter.full() ? FULL_PAGE : PAGE)
                .execute(params)
                .map(rows -> Rows.all(rows, filter.full() ? ExportStore::full : ExportStore::light));
    }

    private static ExportRow light(Row r) {
        return row(r, false);
    }

    private static ExportRow full(Row r) {
        return row(r, true);
    }

    /** A page's row; the light query (trl, hh, arena) has no columns for what only the fairwise record carries. */
    private static ExportRow row(Row r, boolean full) {
        return new ExportRow(
                r.getUUID("id"),
                r.getOffsetDateTime("created_at"),
                r.getString("rater"),
                r.getString("verdict"),
                r.getString("strength"),
                r.getUUID("comparison_id"),
                r.getString("prompt_key"),
                r.getString("messages"),
                r.getString("lo_key"),
                r.getString("lo_model"),
                r.getString("lo_response"),
                r.getString("hi_key"),
                r.getString("hi_model"),
                r.getString("hi_response"),
                full ? r.getString("criteria") : null,
                full ? r.getString("rationale") : null,
                full ? r.getLong("active_ms") : 0,
                full ? r.getString("shown_order") : null,
                full ? r.getInteger("guideline_version") : 0,
                full ? Rows.strings(r, "content_tags") : List.of(),
                full && r.getBoolean("gold"));
    }
}
