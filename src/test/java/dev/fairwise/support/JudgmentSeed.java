package dev.fairwise.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes many judgments of an existing campaign straight into the database with set-based SQL, for the export
 * test and benchmark (rating them over REST would take far longer than what is measured). {@code comparisons}
 * prompts with two completions ({@code model-1}, {@code model-2}) and one comparison each, every comparison
 * judged by {@code judgesEach} of 500 raters. Verdicts cycle a, a, a, a, b, b, b, b, tie, both_bad (so 80 % are
 * decisive), a decisive one with a strength; judgments are one millisecond apart, in the order of n (the
 * comparison) and k (its judge), and judgment i (from 0, in that order) took i ms of active time, which also
 * picks its verdict (i % 10) and strength ((i / 10) % 4). The counting triggers are off for the load, as the rows are written in their
 * final state; all in one transaction.
 */
public final class JudgmentSeed {
    public static final int RATERS = 500;

    private JudgmentSeed() {}

    /** Seeds campaign {@code campaignId} ({@code slug}); answers the number of judgments written. */
    public static long seed(Connection db, long campaignId, String slug, int comparisons, int judgesEach)
            throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            exec(
                    db,
                    "insert into prompt (campaign_id, prompt_key, messages, messages_hash, comparisons)"
                            + " select ?, ? || '-q' || g, '[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                            + "{\"role\":\"user\",\"content\":\"Seeded question ' || g || '?\"}]', md5(g::text), 1"
                            + " from generate_series(1, ?) g",
                    campaignId,
                    slug,
                    comparisons);
            exec(
                    db,
                    "insert into completion (completion_key, campaign_id, prompt_id, model, response)"
                            + " select p.prompt_key || '-m' || m, ?, p.id, 'model-' || m,"
                            + " '[{\"role\":\"assistant\",\"content\":\"Answer ' || m || ' to ' || p.prompt_key"
                            + " || '.\"}]'"
                            + " from prompt p cross join generate_series(1, 2) m where p.campaign_id = ?"
                            + " order by p.id, m",
                    campaignId,
                    campaignId);
            exec(
                    db,
                    "insert into comparison (campaign_id, prompt_id, completion_lo, completion_hi, state, judgments)"
                            + " select ?, a.prompt_id, a.id, b.id, 'complete', ?"
                            + " from completion a join completion b on b.prompt_id = a.prompt_id and a.id < b.id"
                            + " where a.campaign_id = ?",
                    campaignId,
                    judgesEach,
                    campaignId);
            exec(db, "alter table assignment disable trigger assignment_counts");
            exec(db, "alter table assignment disable trigger assignment_shown");
            exec(
                    db,
                    "insert into assignment (comparison_id, campaign_id, rater, state, shown_order,"
                            + " guideline_version, leased_at, deadline, last_seen_at, active_ms, ended_at)"
                            + " select c.id, ?, ? || '-rater-' || ((c.n * 7 + k * 13) % ?),"
                            + " 'submitted', case when (c.n + k) % 2 = 0 then 'ab' else 'ba' end, 1,"
                            + " t.at, t.at + interval '1 hour', t.at, c.n * ? + k, t.at"
                            + " from (select id, row_number() over (order by id) as n from comparison"
                            + "   where campaign_id = ?) c"
                            + " cross join generate_series(0, ? - 1) k"
                            + " cross join lateral (select timestamptz '2026-01-01T00:00:00Z'"
                            + "   + (c.n * ? + k) * interval '1 millisecond' as at) t",
                    campaignId,
                    slug,
                    RATERS,
                    judgesEach,
                    campaignId,
                    judgesEach,
                    judgesEach);
            exec(db, "alter table assignment enable trigger assignment_counts");
            exec(db, "alter table assignment enable trigger assignment_shown");
            exec(
                    db,
                    "insert into judgment (id, assignment_id, comparison_id, campaign_id, rater, winner, strength,"
                            + " criteria, active_ms, request_hash, response, created_at)"
                            + " select gen_random_uuid(), a.id, a.comparison_id, a.campaign_id, a.rater, v.winner,"
                            + " case when v.winner in ('a', 'b')"
                            + "   then (array['negligible','slight','clear','strong'])[1 + (a.active_ms / 10) % 4] end,"
                            + " '{}', a.active_ms, md5(a.id::text), '{}', a.ended_at"
                            + " from assignment a"
                            + " cross join lateral (select (array['a','a','a','a','b','b','b','b','tie','both_bad'])"
                            + "   [1 + a.active_ms % 10] as winner) v"
                            + " where a.campaign_id = ?",
                    campaignId);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return (long) comparisons * judgesEach;
    }

    private static void exec(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.execute();
        }
    }
}
