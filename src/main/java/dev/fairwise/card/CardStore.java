package dev.fairwise.card;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * Every statement a dataset card reads. Nothing here writes. Each read is aggregated in SQL: one row for the
 * campaign and its counts, one per criterion, and one for the contributors, whose only list is the distinct
 * names of raters who chose to be credited; logins stay in the database. Rows are read by column name.
 */
final class CardStore {
    private CardStore() {}

    /** The first statement of the transaction, as PostgreSQL requires. */
    private static final String READ_ONLY_SNAPSHOT = """
            set transaction isolation level repeatable read, read only""";

    /**
     * Runs {@code work} in one read-only transaction that sees one snapshot, so the counts and the
     * contributors of a card describe the same moment while raters keep judging.
     */
    static <T> Uni<T> snapshot(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(db -> db.query(READ_ONLY_SNAPSHOT).execute().chain(() -> work.apply(db)));
    }

    /** A campaign's settings and how much data it holds. */
    record CampaignRow(
            long id,
            String slug,
            String title,
            String state,
            int guidelineVersion,
            boolean strengthRequired,
            boolean rationaleRequired,
            int overlap,
            String payKind,
            BigDecimal payAmount,
            String currency,
            String pseudonyms,
            long prompts,
            long completions,
            long comparisons,
            long judgments,
            long decisive,
            long goldJudgments,
            long goldDecisive) {}

    /** Parameter: slug. */
    private static final String CAMPAIGN = """
            select k.id, k.slug, k.title, k.state, k.guideline_version, k.strength_required, k.rationale_required,
                   k.overlap, k.pay_kind, k.pay_amount, k.pay_currency, k.pseudonyms,
                   (select count(*) from prompt p where p.campaign_id = k.id) as prompts,
                   (select count(*) from completion c where c.campaign_id = k.id) as completions,
                   (select count(*) from comparison c where c.campaign_id = k.id) as comparisons,
                   (select count(*) from judgment j where j.campaign_id = k.id) as judgments,
                   (select count(*) from judgment j
                    where j.campaign_id = k.id and j.winner in ('a', 'b')) as decisive,
                   (select count(*) from judgment j join gold_item g on g.comparison_id = j.comparison_id
                    where j.campaign_id = k.id) as gold_judgments,
                   (select count(*) from judgment j join gold_item g on g.comparison_id = j.comparison_id
                    where j.campaign_id = k.id and j.winner in ('a', 'b')) as gold_decisive
            from campaign k
            where k.slug = $1""";

    /** The campaign {@code slug}, or null. */
    static Uni<CampaignRow> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN).execute(Tuple.of(slug)).map(rows -> Rows.first(rows, CardStore::campaign));
    }

    private static CampaignRow campaign(Row r) {
        return new CampaignRow(
                r.getLong("id"),
                r.getString("slug"),
                r.getString("title"),
                r.getString("state"),
                r.getInteger("guideline_version"),
                r.getBoolean("strength_required"),
                r.getBoolean("rationale_required"),
                r.getInteger("overlap"),
                r.getString("pay_kind"),
                r.getBigDecimal("pay_amount"),
                r.getString("pay_currency"),
                r.getString("pseudonyms"),
                r.getLong("prompts"),
                r.getLong("completions"),
                r.getLong("comparisons"),
                r.getLong("judgments"),
                r.getLong("decisive"),
                r.getLong("gold_judgments"),
                r.getLong("gold_decisive"));
    }

    /** One version of a campaign's guideline: when it was published and what changed. */
    record GuidelineRow(int version, java.time.Instant publishedAt, String changelog) {}

    /** Parameter: campaign. Every version, oldest first. */
    private static final String GUIDELINES = """
            select g.version, g.created_at, g.changelog
            from campaign_guideline g
            where g.campaign_id = $1
            order by g.version""";

    static Uni<List<GuidelineRow>> guidelines(SqlClient db, long campaign) {
        return db.preparedQuery(GUIDELINES)
                .execute(Tuple.of(campaign))
                .map(rows -> Rows.all(
                        rows,
                        r -> new GuidelineRow(
                                r.getInteger("version"), Rows.instant(r, "created_at"), r.getString("changelog"))));
    }

    /** One criterion of a campaign, as stored in its JSON column. */
    record CriterionRow(String name, String question) {}

    /** Parameter: campaign. In the order the admin gave them. */
    private static final String CRITERIA = """
            select e.criterion ->> 'name' as name, e.criterion ->> 'question' as question
            from campaign k
            cross join jsonb_array_elements(k.criteria::jsonb) with ordinality as e(criterion, position)
            where k.id = $1
            order by e.position""";

    static Uni<List<CriterionRow>> criteria(SqlClient db, long campaign) {
        return db.preparedQuery(CRITERIA)
                .execute(Tuple.of(campaign))
                .map(rows -> Rows.all(rows, r -> new CriterionRow(r.getString("name"), r.getString("question"))));
    }

    /**
     * The raters who gave at least one judgment in a campaign: the names of those who opted in to credit,
     * and how many others there are.
     *
     * @param credited distinct display names, sorted
     * @param anonymous raters who judged and chose no credit, or a name the card may not list
     */
    record ContributorsRow(List<String> credited, long anonymous) {}

    /**
     * Parameter: campaign. A rater counts once however many judgments they gave. One without a profile, or
     * whose name is blank (the API refuses one, an older row may hold one), is anonymous; so is one whose name
     * is a login (theirs or another rater's, found through the primary key of {@code rater_profile} and the
     * rater index of {@code assignment}) or has the shape of a pseudonym, since neither may leave the service
     * through a card. Two raters who chose the same name are listed once.
     */
    private static final String CONTRIBUTORS = """
            with contributor as (
                select j.rater, nullif(btrim(p.credit_name), '') as chosen
                from (select distinct rater from judgment where campaign_id = $1) j
                left join rater_profile p on p.rater = j.rater
            ), credit as (
                select c.rater,
                       case when c.chosen ~ '^r-[0-9a-f]{32}$'
                              or exists (select 1 from rater_profile q where q.rater = c.chosen)
                              or exists (select 1 from assignment a where a.rater = c.chosen)
                            then null
                            else c.chosen end as name
                from contributor c
            )
            select coalesce(array_agg(distinct name order by name) filter (where name is not null), '{}') as credited,
                   count(*) filter (where name is null) as anonymous
            from credit""";

    static Uni<ContributorsRow> contributors(SqlClient db, long campaign) {
        return db.preparedQuery(CONTRIBUTORS).execute(Tuple.of(campaign)).map(rows -> {
            Row r = rows.iterator().next();
            return new ContributorsRow(Rows.strings(r, "credited"), r.getLong("anonymous"));
        });
    }
}
