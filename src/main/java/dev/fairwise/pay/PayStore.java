package dev.fairwise.pay;

import static dev.fairwise.db.Rows.at;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Every statement pay reads. The ledger, {@code pay_entry}, is written elsewhere (the {@code assignment_pay}
 * trigger of migration V7 when an assignment ends, and the wellbeing and guideline code for breaks and
 * reading); here it is only read, and always aggregated in SQL or capped: a read holds one row per campaign
 * of a rater, per rater and pay period of a campaign, per category or kind, or per listed entry (at most
 * {@value PayService#MAX_ENTRIES}), never the ledger. Rows are read by column name.
 */
final class PayStore {
    private PayStore() {}

    /** The first statement of the transaction, as PostgreSQL requires. */
    private static final String READ_ONLY_SNAPSHOT = """
            set transaction isolation level repeatable read, read only""";

    /**
     * Runs {@code work} in one read-only transaction that sees one snapshot (repeatable read), so the figures
     * of a statement or report agree with each other even while raters keep working.
     */
    static <T> Uni<T> snapshot(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(db -> db.query(READ_ONLY_SNAPSHOT).execute().chain(() -> work.apply(db)));
    }

    // ---- a rater's statement

    /** One ledger entry as a statement lists it. */
    record EntryRow(Instant earnedAt, String campaign, String kind, long paidMs, BigDecimal amount, String currency) {}

    /** Parameters: rater, start, end, limit. */
    private static final String ENTRIES = """
            select e.earned_at, k.slug as campaign, e.kind, e.paid_ms, e.amount, e.currency
            from pay_entry e join campaign k on k.id = e.campaign_id
            where e.rater = $1 and e.earned_at >= $2 and e.earned_at < $3
            order by e.earned_at, e.id
            limit $4""";

    static Uni<List<EntryRow>> entries(SqlClient db, String rater, Instant start, Instant end, int limit) {
        return db.preparedQuery(ENTRIES)
                .execute(Tuple.of(rater, at(start), at(end), limit))
                .map(rows -> Rows.all(
                        rows,
                        r -> new EntryRow(
                                Rows.instant(r, "earned_at"),
                                r.getString("campaign"),
                                r.getString("kind"),
                                r.getLong("paid_ms"),
                                r.getBigDecimal("amount"),
                                r.getString("currency"))));
    }

    /** A rater's paid time and earnings in one campaign (and currency) over a period. */
    record CampaignSums(String campaign, String currency, String payKind, long paidMs, BigDecimal earnings) {}

    /** Parameters: rater, start, end. */
    private static final String CAMPAIGN_SUMS = """
            select k.slug as campaign, e.currency, k.pay_kind,
                   sum(e.paid_ms)::bigint as paid_ms, sum(e.amount) as earnings
            from pay_entry e join campaign k on k.id = e.campaign_id
            where e.rater = $1 and e.earned_at >= $2 and e.earned_at < $3
            group by k.slug, e.currency, k.pay_kind
            order by k.slug, e.currency""";

    static Uni<List<CampaignSums>> campaignSums(SqlClient db, String rater, Instant start, Instant end) {
        return db.preparedQuery(CAMPAIGN_SUMS)
                .execute(Tuple.of(rater, at(start), at(end)))
                .map(rows -> Rows.all(
                        rows,
                        r -> new CampaignSums(
                                r.getString("campaign"),
                                r.getString("currency"),
                                r.getString("pay_kind"),
                                r.getLong("paid_ms"),
                                r.getBigDecimal("earnings"))));
    }

    /** Parameter: pseudonym. */
    private static final String RATER_OF_PSEUDONYM = """
            select rater from rater_profile where pseudonym = $1""";

    /** The login behind a global pseudonym, or null. */
    static Uni<String> raterOf(SqlClient db, String pseudonym) {
        return db.preparedQuery(RATER_OF_PSEUDONYM)
                .execute(Tuple.of(pseudonym))
                .map(rows -> Rows.first(rows, r -> r.getString("rater")));
    }

    // ---- a campaign

    /** A campaign and its pay terms. */
    record CampaignTerms(
            long id,
            String slug,
            String title,
            String state,
            String payKind,
            BigDecimal payAmount,
            String currency,
            boolean perCampaignPseudonyms) {}

    private static final String CAMPAIGN = """
            select id, slug, title, state, pay_kind, pay_amount, pay_currency, pseudonyms
            from campaign where slug = $1""";

    /** The campaign {@code slug}, or null. */
    static Uni<CampaignTerms> campaign(SqlClient db, String slug) {
        return db.preparedQuery(CAMPAIGN)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(
                        rows,
                        r -> new CampaignTerms(
                                r.getLong("id"),
                                r.getString("slug"),
                                r.getString("title"),
                                r.getString("state"),
                                r.getString("pay_kind"),
                                r.getBigDecimal("pay_amount"),
                                r.getString("pay_currency"),
                                "per_campaign".equals(r.getString("pseudonyms")))));
    }

    /**
     * One rater's work in a campaign in one pay period: the unit top-ups are reckoned over. The login stays
     * in the service: callers turn it into a pseudonym.
     */
    record RaterPeriod(String rater, long judgments, long skips, long expired, long paidMs, BigDecimal earnings) {}

    /**
     * Parameters: campaign, the period's unit for {@code date_trunc} ({@code week} starts on Monday, like an
     * ISO week; {@code month}), start, end. Ordered by rater, so a caller folds a rater's periods in one pass.
     */
    private static final String RATER_PERIODS = """
            select e.rater,
                   count(*) filter (where e.kind = 'judgment') as judgments,
                   count(*) filter (where e.kind = 'skip') as skips,
                   count(*) filter (where e.kind = 'expired') as expired,
                   sum(e.paid_ms)::bigint as paid_ms, sum(e.amount) as earnings
            from pay_entry e
            where e.campaign_id = $1 and e.earned_at >= $3 and e.earned_at < $4
            group by e.rater, date_trunc($2, e.earned_at at time zone 'UTC')
            order by e.rater""";

    static Uni<List<RaterPeriod>> raterPeriods(SqlClient db, long campaign, String unit, Instant start, Instant end) {
        return db.preparedQuery(RATER_PERIODS)
                .execute(Tuple.of(campaign, unit, at(start), at(end)))
                .map(rows -> Rows.all(
                        rows,
                        r -> new RaterPeriod(
                                r.getString("rater"),
                                r.getLong("judgments"),
                                r.getLong("skips"),
                                r.getLong("expired"),
                                r.getLong("paid_ms"),
                                r.getBigDecimal("earnings"))));
    }

    // ---- transparency: exposure, skips, flags

    /** Items of a campaign that carried a warning of one sensitive category. */
    record ExposureRow(String category, long warned, long revealed, long distressingSkips) {}

    /**
     * Reached through the campaign's comparisons, whose index leads to their assignments (assignment has no
     * index by campaign). Parameter: campaign.
     */
    private static final String EXPOSURE = """
            select t.category, count(*) as warned,
                   count(*) filter (where a.revealed_at is not null) as revealed,
                   count(*) filter (where a.skip_reason = 'distressing') as distressing_skips
            from comparison c
            join assignment a on a.comparison_id = c.id
            cross join unnest(a.warned) as t(category)
            where c.campaign_id = $1 and a.warned <> '{}'
            group by t.category
            order by t.category""";

    static Uni<List<ExposureRow>> exposure(SqlClient db, long campaign) {
        return db.preparedQuery(EXPOSURE)
                .execute(Tuple.of(campaign))
                .map(rows -> Rows.all(
                        rows,
                        r -> new ExposureRow(
                                r.getString("category"),
                                r.getLong("warned"),
                                r.getLong("revealed"),
                                r.getLong("distressing_skips"))));
    }

    /** Skips of one reason; {@code unwarned}: those of them on items that carried no warning. */
    record SkipRow(String reason, long skips, long unwarned) {}

    /** Parameter: campaign. */
    private static final String SKIPS = """
            select a.skip_reason as reason, count(*) as skips,
                   count(*) filter (where a.warned = '{}') as unwarned
            from comparison c
            join assignment a on a.comparison_id = c.id
            where c.campaign_id = $1 and a.state = 'skipped' and a.skip_reason is not null
            group by a.skip_reason
            order by a.skip_reason""";

    static Uni<List<SkipRow>> skips(SqlClient db, long campaign) {
        return db.preparedQuery(SKIPS)
                .execute(Tuple.of(campaign))
                .map(rows -> Rows.all(
                        rows, r -> new SkipRow(r.getString("reason"), r.getLong("skips"), r.getLong("unwarned"))));
    }

    /** Flags of one kind, and how many of them an admin answered. */
    record FlagKindRow(String kind, long flags, long answered) {}

    /** Parameter: campaign. */
    private static final String FLAG_KINDS = """
            select kind, count(*) as flags, count(answered_at) as answered
            from flag where campaign_id = $1
            group by kind
            order by kind""";

    static Uni<List<FlagKindRow>> flagKinds(SqlClient db, long campaign) {
        return db.preparedQuery(FLAG_KINDS)
                .execute(Tuple.of(campaign))
                .map(rows -> Rows.all(
                        rows, r -> new FlagKindRow(r.getString("kind"), r.getLong("flags"), r.getLong("answered"))));
    }

    /** How long answered flags waited for their answer: median and longest, null when none was answered. */
    record AnswerTimes(Long medianMs, Long maxMs) {}

    /** Parameter: campaign. Open flags have no answer time and so no place in either figure. */
    private static final String ANSWER_TIMES = """
            select percentile_cont(0.5) within group (
                       order by (extract(epoch from answered_at - created_at) * 1000)::float8) as median_ms,
                   max((extract(epoch from answered_at - created_at) * 1000)::float8) as max_ms
            from flag where campaign_id = $1 and answered_at is not null""";

    static Uni<AnswerTimes> answerTimes(SqlClient db, long campaign) {
        return db.preparedQuery(ANSWER_TIMES).execute(Tuple.of(campaign)).map(rows -> {
            Row r = rows.iterator().next();
            return new AnswerTimes(millis(r, "median_ms"), millis(r, "max_ms"));
        });
    }

    private static Long millis(Row row, String column) {
        Double value = row.getDouble(column);
        return value == null ? null : Math.round(value);
    }
}
