package dev.fairwise.fairwork;

import static dev.fairwise.db.Rows.at;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of fair work that are not an assignment's: rater profiles, and the ledger entries for
 * breaks. (Entries for assignments are written by the {@code assignment_pay} trigger, migration V7.)
 */
public final class FairWorkStore {
    private FairWorkStore() {}

    /**
     * Joins the rater's latest assignment anywhere as {@code prev}: when its stretch of continuous work began
     * ({@code stretch_started_at}) and the rater's last sign of activity on it ({@code last_active}). {@code
     * %1$s} is the rater parameter.
     */
    public static final String LATEST_WORK = """
            left join lateral (
                select r.stretch_started_at, greatest(r.last_seen_at, r.ended_at) as last_active
                from assignment r where r.rater = %1$s order by r.leased_at desc limit 1) prev on true
            """;

    /**
     * Joins the rater's exposure on their own day (in the time zone of their profile {@code p}) as {@code
     * x}: {@code categories} and {@code items}, arrays in step. An item counts once for each sensitive
     * category it warned of, once it was revealed or skipped as distressing that day; a rater who opted in to
     * nothing has none to count (and is not looked up). {@code %1$s} is the
     * rater parameter, {@code %2$s} the current time.
     */
    public static final String EXPOSURE_TODAY = """
            left join lateral (
                select array_agg(e.category) as categories, array_agg(e.n) as items
                from (select t.category, count(*) as n
                      from (select date_trunc('day', %2$s::timestamptz at time zone coalesce(p.time_zone, 'UTC'))
                                   at time zone coalesce(p.time_zone, 'UTC') as day_start) d
                      join assignment w on w.rater = %1$s and w.warned <> '{}'
                                       and w.leased_at >= d.day_start - interval '1 day'
                      cross join unnest(w.warned) as t(category)
                      where p.sensitive_opt_in <> '{}'
                        and (w.revealed_at >= d.day_start
                             or (w.skip_reason = 'distressing' and w.ended_at >= d.day_start))
                      group by t.category) e) x on true
            """;

    /** A rater's profile (defaults when they have none), their latest work and their exposure today. */
    public record RaterState(
            boolean hasProfile,
            String pseudonym,
            List<String> optedIn,
            String timeZone,
            String creditName,
            Instant stretchStartedAt,
            Instant lastActive,
            Map<String, Long> exposure) {}

    /** Parameters: rater, now. */
    private static final String STATE = """
            select p.rater is not null as has_profile, p.pseudonym, p.sensitive_opt_in, p.time_zone, p.credit_name,
                   prev.stretch_started_at, prev.last_active,
                   x.categories as exposed_categories, x.items as exposed_items
            from (select $1::text as rater) me
            left join rater_profile p on p.rater = me.rater
            """ + LATEST_WORK.formatted("$1") + EXPOSURE_TODAY.formatted("$1", "$2");

    public static Uni<RaterState> state(SqlClient db, String rater, Instant now) {
        return db.preparedQuery(STATE)
                .execute(Tuple.of(rater, at(now)))
                .map(rows -> Rows.first(rows, r -> {
                    String zone = r.getString("time_zone");
                    return new RaterState(
                            r.getBoolean("has_profile"),
                            r.getString("pseudonym"),
                            Rows.strings(r, "sensitive_opt_in"),
                            zone == null ? "UTC" : zone,
                            r.getString("credit_name"),
                            Rows.instant(r, "stretch_started_at"),
                            Rows.instant(r, "last_active"),
                            exposure(r));
                }));
    }

    /** The exposure columns of {@link #EXPOSURE_TODAY}, as a map. */
    public static Map<String, Long> exposure(Row r) {
        Map<String, Long> exposure = new HashMap<>();
        List<String> categories = Rows.strings(r, "exposed_categories");
        Long[] items = r.getArrayOfLongs("exposed_items");
        for (int i = 0; i < categories.size(); i++) {
            exposure.put(categories.get(i), items[i]);
        }
        return exposure;
    }

    /** Parameters: rater, pseudonym, opted-in categories, time zone, credit name, now. */
    private static final String SAVE_PROFILE = """
            insert into rater_profile (rater, pseudonym, sensitive_opt_in, time_zone, credit_name, updated_at)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (rater) do update set sensitive_opt_in = excluded.sensitive_opt_in,
                time_zone = excluded.time_zone, credit_name = excluded.credit_name, updated_at = excluded.updated_at""";

    public static Uni<Void> saveProfile(
            SqlClient db,
            String rater,
            String pseudonym,
            List<String> optedIn,
            String timeZone,
            String creditName,
            Instant now) {
        return db.preparedQuery(SAVE_PROFILE)
                .execute(Tuple.tuple(java.util.Arrays.asList(
                        rater, pseudonym, optedIn.toArray(new String[0]), timeZone, creditName, at(now))))
                .replaceWithVoid();
    }

    /** What the rater's ledger holds for a stretch of time. */
    public record Worked(long judgments, long skips, long paidMs) {}

    /** Parameters: rater, from, until. */
    private static final String WORKED = """
            select count(*) filter (where kind = 'judgment') as judgments,
                   count(*) filter (where kind = 'skip') as skips,
                   coalesce(sum(paid_ms), 0) as paid_ms
            from pay_entry where rater = $1 and earned_at >= $2 and earned_at < $3""";

    public static Uni<Worked> worked(SqlClient db, String rater, Instant from, Instant until) {
        return db.preparedQuery(WORKED)
                .execute(Tuple.of(rater, at(from), at(until)))
                .map(rows -> Rows.first(
                        rows, r -> new Worked(r.getLong("judgments"), r.getLong("skips"), r.getLong("paid_ms"))));
    }

    private static final String ENSURE_PROFILE = """
            insert into rater_profile (rater, pseudonym, updated_at) values ($1, $2, $3)
            on conflict (rater) do nothing""";

    /** Makes sure the rater has a profile, so admins can name them by pseudonym. */
    public static Uni<Void> ensureProfile(SqlClient db, String rater, String pseudonym, Instant now) {
        return db.preparedQuery(ENSURE_PROFILE)
                .execute(Tuple.of(rater, pseudonym, at(now)))
                .replaceWithVoid();
    }

    /**
     * A break the service sent the rater on, once per stretch of work: paid at the campaign's rate when it
     * is hourly, listed unpaid otherwise. Parameters: rater, campaign, ref, break (ms), now.
     */
    private static final String BREAK_ENTRY = """
            insert into pay_entry (rater, campaign_id, kind, ref, paid_ms, amount, currency, pay_kind, earned_at)
            select $1, k.id, 'break', $3,
                   case when k.pay_kind = 'hourly' then $4::bigint else 0 end,
                   earned(k.pay_kind, k.pay_amount, $4::bigint, false),
                   k.pay_currency, k.pay_kind, $5
            from campaign k where k.id = $2
            on conflict (kind, ref) do nothing""";

    public static Uni<Void> breakEntry(
            SqlClient db, String rater, long campaignId, Instant stretchStartedAt, long breakMs, Instant now) {
        return db.preparedQuery(BREAK_ENTRY)
                .execute(Tuple.tuple(List.of(rater, campaignId, rater + "/" + stretchStartedAt, breakMs, at(now))))
                .replaceWithVoid();
    }
}
