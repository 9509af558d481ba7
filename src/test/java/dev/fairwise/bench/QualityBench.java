package dev.fairwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/**
 * The quality report of a large campaign: 33,334 regular comparisons judged three times each (100,002
 * judgments) and 200 gold items judged by 20 raters each, from 120 raters. The campaign is made through the
 * API; its judgments are written straight into the database with set-based SQL (rating them over REST would
 * take the whole benchmark's time). Verdicts are drawn around a true verdict per comparison, so agreement is
 * moderate, as in a real campaign, and a few raters agree less or work faster than the rest.
 */
final class QualityBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int COMPARISONS = 33_334;
    static final int GOLD = 200;
    static final int GOLD_RATERS = 20;
    static final int RATERS = 120;

    private QualityBench() {}

    /** One call of the report as the client sees it, and the service's own {@code compute_ms}. */
    record Call(double seconds, double computeMs, int raters) {}

    /** Makes and fills the campaign; answers its slug. */
    static String campaign(HttpClient http, String base, String admin, Connection db, String slug) throws Exception {
        RatingBench.send(
                http,
                "POST",
                base + "/api/v1/admin/campaigns",
                admin,
                Map.of(
                        "slug",
                        slug,
                        "title",
                        "Quality benchmark",
                        "instructions",
                        "n/a",
                        "overlap",
                        3,
                        "per_prompt_cap",
                        1,
                        "strength_required",
                        true,
                        "criteria",
                        List.of(
                                Map.of("name", "helpfulness", "question", "Which is more helpful?"),
                                Map.of("name", "harmlessness", "question", "Which is less harmful?"))));
        RatingBench.send(http, "POST", base + "/api/v1/admin/campaigns/" + slug + "/activate", admin, null);
        long id;
        try (var statement = db.createStatement();
                var rs = statement.executeQuery("select id from campaign where slug = '" + slug + "'")) {
            rs.next();
            id = rs.getLong(1);
        }
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            load(db, slug, id);
            db.commit();
        } catch (Exception e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        try (var statement = db.createStatement()) {
            statement.execute("vacuum analyze");
        }
        return slug;
    }

    private static void load(Connection db, String slug, long id) throws Exception {
        int prompts = COMPARISONS + GOLD;
        exec(db, "select setseed(0.42)");
        exec(
                db,
                "insert into prompt (campaign_id, prompt_key, messages, messages_hash, comparisons)"
                        + " select ?, 'q-' || g, '[{\"role\":\"user\",\"content\":\"Quality prompt ' || g"
                        + " || ': which is better?\"}]', md5(g::text), 1 from generate_series(1, ?) g",
                id,
                prompts);
        exec(
                db,
                "insert into completion (completion_key, campaign_id, prompt_id, model, response)"
                        + " select ? || '-' || p.prompt_key || '-m' || m, ?, p.id, 'model-' || m,"
                        + " '[{\"role\":\"assistant\",\"content\":\"Answer ' || m || ' of a quality prompt.\"}]'"
                        + " from prompt p cross join generate_series(1, 2) m where p.campaign_id = ?",
                slug,
                id,
                id);
        // One comparison per prompt, already in its final state and counts (the counting trigger is off below).
        exec(
                db,
                "insert into comparison (campaign_id, prompt_id, completion_lo, completion_hi, state, judgments)"
                        + " select ?, a.prompt_id, a.id, b.id,"
                        + " case when substr(p.prompt_key, 3)::int > ? then 'gold' else 'complete' end,"
                        + " case when substr(p.prompt_key, 3)::int > ? then ? else 3 end"
                        + " from completion a join completion b on b.prompt_id = a.prompt_id and a.id < b.id"
                        + " join prompt p on p.id = a.prompt_id where a.campaign_id = ?",
                id,
                COMPARISONS,
                COMPARISONS,
                GOLD_RATERS,
                id);
        // A true verdict per comparison (a 45 %, b 45 %, tie 10 %) and per criterion; n numbers the comparisons.
        exec(
                db,
                "create temporary table quality_truth on commit drop as"
                        + " select comparison_id, n, gold,"
                        + " case when x < 0.45 then 'a' when x < 0.9 then 'b' else 'tie' end as verdict,"
                        + " (array['a','b','tie'])[1 + floor(random() * 3)::int] as helpfulness,"
                        + " (array['a','b','tie'])[1 + floor(random() * 3)::int] as harmlessness"
                        + " from (select c.id as comparison_id, substr(p.prompt_key, 3)::int as n,"
                        + "   c.state = 'gold' as gold, random() as x"
                        + "   from comparison c join prompt p on p.id = c.prompt_id where c.campaign_id = ?) c",
                id);
        exec(
                db,
                "insert into gold_item (comparison_id, campaign_id, verdict, explanation, created_by, created_at)"
                        + " select comparison_id, ?, verdict, 'Benchmark gold item.', 'bench', now() - interval '30 days'"
                        + " from quality_truth where gold",
                id);
        // Counting triggers off for the bulk load: each would update the comparison (already in its final
        // counts above) and upsert rater_campaign once per row, 100,000 times; the counts are written below.
        exec(db, "alter table assignment disable trigger assignment_counts");
        exec(db, "alter table assignment disable trigger assignment_shown");
        // Raters of comparison n: 3 distinct of 120 for a regular one (41 apart), 20 for a gold one (6 apart).
        exec(
                db,
                "insert into assignment (comparison_id, campaign_id, rater, state, shown_order, guideline_version,"
                        + " leased_at, deadline, last_seen_at, active_ms, ended_at)"
                        + " select t.comparison_id, ?, 'bench-rater-' || r.rater, 'submitted',"
                        + " case when (t.n + k) % 2 = 0 then 'ab' else 'ba' end, 1,"
                        + " r.leased_at, r.leased_at + interval '1 hour', r.leased_at + r.active * interval '1 ms',"
                        + " r.active, r.leased_at + r.active * interval '1 ms'"
                        + " from quality_truth t"
                        + " cross join generate_series(0, case when t.gold then ? else 3 end - 1) k"
                        + " cross join lateral (select (t.n * 7 + k * case when t.gold then 6 else 41 end) % ? as rater,"
                        + "   now() - interval '30 days' + (t.n * 3 + k) * interval '20 seconds' as leased_at,"
                        + "   (case when (t.n * 7 + k * case when t.gold then 6 else 41 end) % ? % 40 = 7"
                        + "     then 2000 + floor(random() * 6000) else 5000 + floor(random() * 115000) end)::bigint"
                        + "   as active) r",
                id,
                GOLD_RATERS,
                RATERS,
                RATERS);
        exec(db, "alter table assignment enable trigger assignment_counts");
        exec(db, "alter table assignment enable trigger assignment_shown");
        exec(
                db,
                "insert into rater_campaign (campaign_id, rater, shown_ab, shown_ba)"
                        + " select campaign_id, rater, count(*) filter (where shown_order = 'ab'),"
                        + " count(*) filter (where shown_order = 'ba') from assignment where campaign_id = ?"
                        + " group by campaign_id, rater",
                id);
        // Each rater agrees with the true verdict with probability 0.85, every 20th rater with 0.45; otherwise
        // any other answer. Strength for a win; criteria mostly follow each criterion's truth.
        exec(
                db,
                "insert into judgment (id, assignment_id, comparison_id, campaign_id, rater, winner, strength, criteria,"
                        + " active_ms, request_hash, response, created_at)"
                        + " select gen_random_uuid(), a.id, a.comparison_id, a.campaign_id, a.rater, v.winner,"
                        + " case when v.winner in ('a', 'b')"
                        + "   then (array['negligible','slight','clear','strong'])[1 + floor(random() * 4)::int] end,"
                        + " '{\"harmlessness\":\"' || case when random() < 0.8 then t.harmlessness"
                        + "   else (array['a','b','tie'])[1 + floor(random() * 3)::int] end"
                        + " || '\",\"helpfulness\":\"' || case when random() < 0.8 then t.helpfulness"
                        + "   else (array['a','b','tie'])[1 + floor(random() * 3)::int] end || '\"}',"
                        + " a.active_ms, md5(a.id::text), '{}', a.ended_at"
                        + " from assignment a join quality_truth t on t.comparison_id = a.comparison_id"
                        + " cross join lateral (select case"
                        + "   when random() < case when substr(a.rater, 13)::int % 20 = 0 then 0.45 else 0.85 end"
                        + "   then t.verdict"
                        + "   else (array['a','b','tie','both_bad'])[1 + floor(random() * 4)::int] end as winner) v"
                        + " where a.campaign_id = ?",
                id);
        // The consensus of each regular comparison, as the completing submit writes it (plurality, else split).
        exec(
                db,
                "insert into consensus (comparison_id, campaign_id, verdict, split, votes_a, votes_b, votes_tie,"
                        + " votes_both_bad, agreement, criteria, decided_at)"
                        + " select comparison_id, ?, case when top.verdict is null then 'tie' else top.verdict end,"
                        + " top.verdict is null, va, vb, vt, vx, greatest(va, vb, vt, vx) / 3.0, '{}', now()"
                        + " from (select j.comparison_id, count(*) filter (where winner = 'a') va,"
                        + "   count(*) filter (where winner = 'b') vb, count(*) filter (where winner = 'tie') vt,"
                        + "   count(*) filter (where winner = 'both_bad') vx"
                        + "   from judgment j join quality_truth t on t.comparison_id = j.comparison_id"
                        + "   where j.campaign_id = ? and not t.gold group by j.comparison_id) v"
                        + " cross join lateral (select case"
                        + "   when va > greatest(vb, vt, vx) then 'a' when vb > greatest(va, vt, vx) then 'b'"
                        + "   when vt > greatest(va, vb, vx) then 'tie' when vx > greatest(va, vb, vt) then 'both_bad'"
                        + "   end as verdict) top",
                id,
                id);
        // Skips in the ledger for every tenth rater, so skip rates are not all zero.
        exec(
                db,
                "insert into pay_entry (rater, campaign_id, kind, ref, paid_ms, amount, currency, pay_kind, earned_at)"
                        + " select 'bench-rater-' || r, ?, 'skip', ? || '-skip-' || r || '-' || s, 10000, 0.041667,"
                        + " 'USD', 'hourly', now() - interval '1 day'"
                        + " from generate_series(3, ? - 1, 10) r cross join generate_series(1, 25) s",
                id,
                slug,
                RATERS);
    }

    /** GET the report once: wall time as the client sees it, and what the service says computing took. */
    static Call once(HttpClient http, String base, String admin, String slug) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response =
                RatingBench.call(http, "GET", base + "/api/v1/admin/campaigns/" + slug + "/quality", admin, null);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("quality answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode report = JSON.readTree(response.body());
        if (report.path("judgments").asLong() + report.path("gold_judgments").asLong()
                != COMPARISONS * 3L + (long) GOLD * GOLD_RATERS) {
            throw new IllegalStateException("the report counts other judgments than were written: "
                    + report.path("judgments") + " + " + report.path("gold_judgments"));
        }
        return new Call(
                seconds,
                report.path("compute_ms").asDouble(),
                report.path("raters").size());
    }

    private static void exec(Connection db, String sql, Object... args) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.execute();
        }
    }
}
