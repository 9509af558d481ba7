package dev.fairwise.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

/**
 * Campaigns with a large backlog, written straight into the database (going through ingest would take the
 * whole benchmark's time): {@code prompts} prompts of five completions each, so ten open comparisons a
 * prompt. The campaign itself is made through the API, so everything else about it is ordinary.
 */
final class Growth {
    private Growth() {}

    /** An active campaign with {@code prompts × 10} open comparisons; answers its slug. */
    static String campaign(HttpClient http, String base, String admin, Connection db, String slug, int prompts)
            throws Exception {
        RatingBench.send(
                http,
                "POST",
                base + "/api/v1/admin/campaigns",
                admin,
                Map.of(
                        "slug",
                        slug,
                        "title",
                        "Growth benchmark",
                        "instructions",
                        "n/a",
                        "overlap",
                        3,
                        "per_prompt_cap",
                        10));
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
            exec(
                    db,
                    "insert into prompt (campaign_id, prompt_key, messages, messages_hash, comparisons)"
                            + " select ?, 'g-' || g, '[{\"role\":\"user\",\"content\":\"Growth prompt ' || g || ': which is better?\"}]',"
                            + " md5(g::text), 10 from generate_series(1, ?) g",
                    id,
                    prompts);
            exec(
                    db,
                    "insert into completion (completion_key, campaign_id, prompt_id, model, response)"
                            + " select ? || '-' || p.prompt_key || '-m' || m, ?, p.id, 'model-' || m,"
                            + " '[{\"role\":\"assistant\",\"content\":\"Answer ' || m || ' of a growth prompt.\"}]'"
                            + " from prompt p cross join generate_series(1, 5) m where p.campaign_id = ?",
                    slug,
                    id,
                    id);
            exec(
                    db,
                    "insert into comparison (campaign_id, prompt_id, completion_lo, completion_hi)"
                            + " select ?, a.prompt_id, a.id, b.id from completion a join completion b"
                            + " on b.prompt_id = a.prompt_id and a.id < b.id where a.campaign_id = ?",
                    id,
                    id);
            db.commit();
        } finally {
            db.setAutoCommit(autoCommit);
        }
        try (var statement = db.createStatement()) {
            statement.execute("analyze prompt");
            statement.execute("analyze completion");
            statement.execute("analyze comparison");
        }
        return slug;
    }

    private static void exec(Connection db, String sql, Object... args) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }
}
