package dev.fairwise.ui;

import dev.fairwise.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the rater UI reads that the JSON API does not carry. */
@ApplicationScoped
class UiStore {
    /** The sensitive categories among the items of each active campaign. */
    private static final String SENSITIVE_CATEGORIES = """
            select c.slug as slug, array_agg(distinct t.category order by t.category) as categories
            from campaign c
            join comparison x on x.campaign_id = c.id
            cross join unnest(x.content_tags) as t(category)
            where c.state = 'active' and x.content_tags <> '{}'
            group by c.slug
            """;

    private final Pool pool;

    UiStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Per active campaign slug, the sensitive categories its items carry (absent: none). It reads every
     * tagged comparison of the active campaigns, which is cheap while tagged items are few.
     */
    Uni<Map<String, List<String>>> sensitiveCategories() {
        return pool.preparedQuery(SENSITIVE_CATEGORIES).execute().map(rows -> {
            Map<String, List<String>> found = new HashMap<>();
            rows.forEach(r -> found.put(r.getString("slug"), Rows.strings(r, "categories")));
            return Map.copyOf(found);
        });
    }
}
