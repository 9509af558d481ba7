package dev.fairwise.campaign;

import static dev.fairwise.db.Rows.at;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The pilot of a campaign: once its first N judgments are in, their p75 active time replaces the admin's
 * estimate, and a per-judgment campaign that this shows paying below the floor is paused with the reason.
 * The judgments' active time is read from their ledger entries (the same transaction wrote them), through
 * the ledger's campaign index, so judgments need no index of their own for it.
 * Run by the submit that may complete the pilot, in its transaction; a campaign whose pilot is done never
 * runs it again. The version is bumped, so an admin's edit made meanwhile fails as a concurrent edit
 * rather than overwriting the pilot.
 */
public final class Pilot {
    private Pilot() {}

    /** Parameters: campaign, pilot size, floor of its currency, now. */
    private static final String COMPLETE = """
            with first as (
                select paid_ms as active_ms from pay_entry
                where campaign_id = $1 and kind = 'judgment' order by earned_at, id limit $2),
            measured as (
                select count(*) as n, percentile_disc(0.75) within group (order by active_ms) as p75 from first),
            judged as (
                select m.n, m.p75, k.state = 'active' and k.pay_kind = 'per_judgment'
                       and trunc(k.pay_amount * 3600000.0 / greatest(m.p75, 1), 2) < $3 as below,
                       trunc(k.pay_amount * 3600000.0 / greatest(m.p75, 1), 2) as hourly, k.pay_currency
                from measured m, campaign k where k.id = $1)
            update campaign k set pilot_ms = j.p75, pilot_judgments = j.n, version = k.version + 1, updated_at = $4,
                state = case when j.below then 'paused' else k.state end,
                pause_reason = case when j.below then format(
                    'the pilot measured %s s per judgment (p75 of the first %s judgments): %s %s per hour, below'
                    || ' the floor of %s %s; raise the pay to resume', ceil(j.p75 / 1000.0), j.n, j.hourly,
                    j.pay_currency, $3, j.pay_currency) else k.pause_reason end
            from judged j
            where k.id = $1 and k.pilot_ms is null and j.n >= $2""";

    /** Completes the pilot when the campaign now has enough judgments; does nothing otherwise. */
    public static Uni<Void> completeIfDue(SqlClient db, long campaignId, int size, BigDecimal floor, Instant now) {
        return db.preparedQuery(COMPLETE)
                .execute(Tuple.of(campaignId, size, floor, at(now)))
                .replaceWithVoid();
    }
}
