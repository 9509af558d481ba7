package dev.fairwise.campaign;

import static dev.fairwise.db.Rows.at;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading a guideline version is worked time: from when the rater opened it until they acknowledged it
 * (explicitly, or by leasing their first item under it), up to a cap; the ledger entry is written with the
 * acknowledgement.
 */
public final class GuidelineReadings {
    private GuidelineReadings() {}

    private static final String OPEN = """
            insert into guideline_reading (rater, campaign_id, version, opened_at) values ($1, $2, $3, $4)
            on conflict (rater, campaign_id, version) do nothing""";

    /** The rater opened a version; reading it from now on is paid once acknowledged. */
    static Uni<Void> open(SqlClient db, String rater, long campaignId, int version, Instant now) {
        return db.preparedQuery(OPEN)
                .execute(Tuple.of(rater, campaignId, version, at(now)))
                .replaceWithVoid();
    }

    /**
     * Acknowledges an opened version once and writes its ledger entry: time since it was opened, up to the
     * cap, at the campaign's hourly rate (or as paid time for top-ups, per judgment). Parameters: rater,
     * campaign, version, now, cap (ms).
     */
    private static final String ACKNOWLEDGE = """
            with acked as (
                update guideline_reading set acknowledged_at = $4
                where rater = $1 and campaign_id = $2 and version = $3 and acknowledged_at is null
                returning rater, campaign_id, version,
                          greatest(0, least(floor(extract(epoch from ($4::timestamptz - opened_at)) * 1000), $5))::bigint
                              as paid_ms)
            insert into pay_entry (rater, campaign_id, kind, ref, paid_ms, amount, currency, pay_kind, earned_at)
            select a.rater, k.id, 'guideline', a.rater || '/' || k.id || '/' || a.version, a.paid_ms,
                   earned(k.pay_kind, k.pay_amount, a.paid_ms, false),
                   k.pay_currency, k.pay_kind, $4
            from acked a join campaign k on k.id = a.campaign_id
            on conflict (kind, ref) do nothing
            returning paid_ms""";

    /** Answers the reading time paid, or null when the version was acknowledged before. */
    public static Uni<Long> acknowledge(
            SqlClient db, String rater, long campaignId, int version, Instant now, long capMs) {
        return db.preparedQuery(ACKNOWLEDGE)
                .execute(Tuple.of(rater, campaignId, version, at(now), capMs))
                .map(rows -> Rows.first(rows, r -> r.getLong("paid_ms")));
    }

    /** A campaign's current guideline, for a rater. */
    record Guideline(long campaignId, int version, String instructions, String changelog, Instant createdAt) {}

    private static final String GUIDELINE = """
            select k.id, g.version, g.instructions, g.changelog, g.created_at
            from campaign k join campaign_guideline g on g.campaign_id = k.id and g.version = k.guideline_version
            where k.slug = $1 and k.state in ('active', 'paused')""";

    /** The current guideline of a campaign open to raters (active or paused); null when there is none. */
    static Uni<Guideline> guideline(SqlClient db, String slug) {
        return db.preparedQuery(GUIDELINE)
                .execute(Tuple.of(slug))
                .map(rows -> Rows.first(
                        rows,
                        r -> new Guideline(
                                r.getLong("id"),
                                r.getInteger("version"),
                                r.getString("instructions"),
                                r.getString("changelog"),
                                Rows.instant(r, "created_at"))));
    }

    /** The current guideline of each active campaign as a rater sees it. */
    record Current(String changelog, boolean acknowledged) {}

    private static final String CURRENT = """
            select k.id, g.changelog, r.acknowledged_at is not null as acknowledged
            from campaign k
            join campaign_guideline g on g.campaign_id = k.id and g.version = k.guideline_version
            left join guideline_reading r on r.rater = $1 and r.campaign_id = k.id and r.version = k.guideline_version
            where k.id = any($2)""";

    static Uni<Map<Long, Current>> current(SqlClient db, String rater, List<Long> campaigns) {
        return db.preparedQuery(CURRENT)
                .execute(Tuple.of(rater, campaigns.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, Current> current = new HashMap<>();
                    rows.forEach(r -> current.put(
                            r.getLong("id"), new Current(r.getString("changelog"), r.getBoolean("acknowledged"))));
                    return current;
                });
    }
}
