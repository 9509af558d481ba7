package dev.fairwise.ingest;

import dev.fairwise.campaign.PairingStrategy;
import dev.fairwise.db.Rows;
import dev.fairwise.pairing.PairPlanner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every statement on the {@code prompt} and {@code completion} tables. Each takes all the rows of a batch at
 * once, as array parameters unnested in SQL, so a batch costs the same number of statements whatever its
 * size. Rows are read by column name.
 */
public final class CompletionStore {
    private CompletionStore() {}

    private static final String KNOWN = "select completion_key from completion where completion_key = any($1)";

    /** Which of these completion_ids are stored already. */
    static Uni<Set<String>> known(SqlClient db, List<String> keys) {
        return db.preparedQuery(KNOWN)
                .execute(Tuple.of(keys.toArray(new String[0])))
                .map(rows -> new HashSet<>(Rows.all(rows, r -> r.getString("completion_key"))));
    }

    /** A campaign as ingest sees it. */
    record Campaign(String slug, String state, PairPlanner.Settings settings) {}

    private static final String CAMPAIGNS = """
            select id, slug, state, pairing_strategy, baseline_model, per_prompt_cap, pairing_seed
            from campaign where slug = any($1)""";

    /** The campaigns of these slugs, by slug (an unknown slug is absent). */
    static Uni<Map<String, Campaign>> campaigns(SqlClient db, Set<String> slugs) {
        return db.preparedQuery(CAMPAIGNS)
                .execute(Tuple.of(slugs.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Campaign> bySlug = new HashMap<>();
                    for (Row r : rows) {
                        bySlug.put(
                                r.getString("slug"),
                                new Campaign(
                                        r.getString("slug"),
                                        r.getString("state"),
                                        new PairPlanner.Settings(
                                                r.getLong("id"),
                                                PairingStrategy.fromWire(r.getString("pairing_strategy")),
                                                r.getString("baseline_model"),
                                                r.getInteger("per_prompt_cap"),
                                                r.getLong("pairing_seed"))));
                    }
                    return bySlug;
                });
    }

    /** A prompt to create or lock. */
    record NewPrompt(long campaignId, String key, String messages, String hash) {}

    /** A prompt row as the upsert left it (locked until commit); {@code tags} is the stored union. */
    record PromptRow(long id, long campaignId, String key, String hash, int comparisons, Set<String> tags) {}

    /**
     * Creates each prompt or takes its row lock (the no-op update locks it until commit), in the order given,
     * so concurrent batches lock in the same order. Parameters: arrays of position, campaign, key, messages,
     * hash.
     */
    private static final String UPSERT_PROMPTS = """
            insert into prompt (campaign_id, prompt_key, messages, messages_hash)
            select r.campaign, r.key, r.messages, r.hash
            from unnest($1::int[], $2::bigint[], $3::text[], $4::text[], $5::text[]) as r(n, campaign, key, messages, hash)
            order by r.n
            on conflict (campaign_id, prompt_key) do update set content_tags = prompt.content_tags
            returning id, campaign_id, prompt_key, messages_hash, comparisons, content_tags""";

    static Uni<List<PromptRow>> upsertPrompts(SqlClient db, List<NewPrompt> prompts) {
        int n = prompts.size();
        Integer[] order = new Integer[n];
        Long[] campaigns = new Long[n];
        String[] keys = new String[n];
        String[] messages = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            NewPrompt p = prompts.get(i);
            order[i] = i;
            campaigns[i] = p.campaignId();
            keys[i] = p.key();
            messages[i] = p.messages();
            hashes[i] = p.hash();
        }
        return db.preparedQuery(UPSERT_PROMPTS)
                .execute(Tuple.of(order, campaigns, keys, messages, hashes))
                .map(rows -> Rows.all(
                        rows,
                        r -> new PromptRow(
                                r.getLong("id"),
                                r.getLong("campaign_id"),
                                r.getString("prompt_key"),
                                r.getString("messages_hash"),
                                r.getInteger("comparisons"),
                                new TreeSet<>(Rows.strings(r, "content_tags")))));
    }

    /** Parameters: arrays of prompt id and comma-joined tags. */
    private static final String SET_TAGS = """
            update prompt p set content_tags = string_to_array(r.tags, ',')
            from unnest($1::bigint[], $2::text[]) as r(id, tags) where p.id = r.id""";

    /** Sets prompts' content tags (the union of their completions'). */
    static Uni<Void> setTags(SqlClient db, Map<Long, Set<String>> tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = tags.keySet().toArray(new Long[0]);
        String[] joined = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            joined[i] = String.join(",", tags.get(ids[i]));
        }
        return db.preparedQuery(SET_TAGS).execute(Tuple.of(ids, joined)).replaceWithVoid();
    }

    /** A completion to store. */
    record NewCompletion(
            String key,
            long campaignId,
            long promptId,
            String model,
            String response,
            List<String> tags,
            String metadata) {}

    /**
     * Inserts completions in the order given; one already stored (a concurrent delivery won) is skipped and
     * not returned. Parameters: arrays of position, key, campaign, prompt, model, response, joined tags,
     * metadata.
     */
    private static final String INSERT_COMPLETIONS = """
            insert into completion (completion_key, campaign_id, prompt_id, model, response, content_tags, metadata)
            select r.key, r.campaign, r.prompt, r.model, r.response,
                   case when r.tags = '' then '{}'::text[] else string_to_array(r.tags, ',') end, r.metadata
            from unnest($1::int[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
                 as r(n, key, campaign, prompt, model, response, tags, metadata)
            order by r.n
            on conflict (completion_key) do nothing
            returning id, completion_key""";

    /** Answers the new rows' ids by completion_id. */
    static Uni<Map<String, Long>> insertCompletions(SqlClient db, List<NewCompletion> completions) {
        int n = completions.size();
        Integer[] order = new Integer[n];
        String[] keys = new String[n];
        Long[] campaigns = new Long[n];
        Long[] prompts = new Long[n];
        String[] models = new String[n];
        String[] responses = new String[n];
        String[] tags = new String[n];
        String[] metadata = new String[n];
        for (int i = 0; i < n; i++) {
            NewCompletion c = completions.get(i);
            order[i] = i;
            keys[i] = c.key();
            campaigns[i] = c.campaignId();
            prompts[i] = c.promptId();
            models[i] = c.model();
            responses[i] = c.response();
            tags[i] = String.join(",", c.tags());
            metadata[i] = c.metadata();
        }
        return db.preparedQuery(INSERT_COMPLETIONS)
                .execute(Tuple.tuple(List.of(order, keys, campaigns, prompts, models, responses, tags, metadata)))
                .map(rows -> {
                    Map<String, Long> ids = new HashMap<>();
                    for (Row r : rows) {
                        ids.put(r.getString("completion_key"), r.getLong("id"));
                    }
                    return ids;
                });
    }

    /** The rows a gold item's texts were stored in. */
    public record GoldTexts(long promptId, long completionA, long completionB) {}

    /**
     * A gold item's prompt and its two responses, as completions of model {@code gold} (so exports and the
     * leaderboard can leave them out) under keys {@code key}, {@code key-a} and {@code key-b}; a is inserted
     * first, so its id is the lower one (completion_lo of the comparison). Parameters: campaign, key, prompt
     * messages, prompt hash, response a, response b, tags, now.
     */
    private static final String INSERT_GOLD_TEXTS = """
            with p as (
                insert into prompt (campaign_id, prompt_key, messages, messages_hash, content_tags, comparisons, created_at)
                values ($1, $2, $3, $4, $7, 1, $8)
                returning id),
            a as (
                insert into completion (completion_key, campaign_id, prompt_id, model, response, content_tags, created_at)
                select $2 || '-a', $1, p.id, 'gold', $5, $7, $8 from p
                returning id, prompt_id)
            insert into completion (completion_key, campaign_id, prompt_id, model, response, content_tags, created_at)
            select $2 || '-b', $1, a.prompt_id, 'gold', $6, $7, $8 from a
            returning prompt_id, (select a.id from a) as completion_a, id as completion_b""";

    /** Stores a gold item's texts in the caller's transaction. */
    public static Uni<GoldTexts> insertGoldTexts(
            SqlClient db,
            long campaignId,
            String key,
            String prompt,
            String promptHash,
            String responseA,
            String responseB,
            String[] tags,
            java.time.Instant now) {
        return db.preparedQuery(INSERT_GOLD_TEXTS)
                .execute(Tuple.tuple(List.of(
                        campaignId, key, prompt, promptHash, responseA, responseB, tags, dev.fairwise.db.Rows.at(now))))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new GoldTexts(r.getLong("prompt_id"), r.getLong("completion_a"), r.getLong("completion_b"));
                });
    }

    /** A stored completion of a prompt, for pairing. */
    record Stored(long promptId, PairPlanner.Candidate candidate) {}

    private static final String OF_PROMPTS = """
            select id, prompt_id, completion_key, model from completion where prompt_id = any($1)""";

    /** Every completion of these prompts. */
    static Uni<List<Stored>> ofPrompts(SqlClient db, Set<Long> prompts) {
        return db.preparedQuery(OF_PROMPTS)
                .execute(Tuple.of(prompts.toArray(new Long[0])))
                .map(rows -> Rows.all(
                        rows,
                        r -> new Stored(
                                r.getLong("prompt_id"),
                                new PairPlanner.Candidate(
                                        r.getLong("id"), r.getString("completion_key"), r.getString("model")))));
    }

    /** Parameters: arrays of prompt id and comparisons added. */
    private static final String ADD_COMPARISONS = """
            update prompt p set comparisons = p.comparisons + r.n
            from unnest($1::bigint[], $2::int[]) as r(id, n) where p.id = r.id""";

    /** Counts new comparisons on their prompts (the per-prompt cap reads this count). */
    static Uni<Void> addComparisons(SqlClient db, Map<Long, Integer> made) {
        if (made.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = made.keySet().toArray(new Long[0]);
        Integer[] counts = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            counts[i] = made.get(ids[i]);
        }
        return db.preparedQuery(ADD_COMPARISONS).execute(Tuple.of(ids, counts)).replaceWithVoid();
    }

    /** A campaign's prompts and completions. */
    public record Counts(long prompts, long completions) {}

    private static final String COUNTS = """
            select (select count(*) from prompt where campaign_id = $1) as prompts,
                   (select count(*) from completion where campaign_id = $1) as completions""";

    public static Uni<Counts> counts(SqlClient db, long campaignId) {
        return db.preparedQuery(COUNTS).execute(Tuple.of(campaignId)).map(rows -> {
            Row r = rows.iterator().next();
            return new Counts(r.getLong("prompts"), r.getLong("completions"));
        });
    }
}
