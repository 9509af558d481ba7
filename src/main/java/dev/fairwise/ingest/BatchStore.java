package dev.fairwise.ingest;

import static dev.fairwise.ingest.RejectedCompletion.Reason.PROMPT_MISMATCH;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.ingest.CompletionIngestService.Outcome;
import dev.fairwise.ingest.CompletionIngestService.Result;
import dev.fairwise.ingest.CompletionIngestService.Status;
import dev.fairwise.pairing.ComparisonWriter.Settings;
import dev.fairwise.pairing.PairPlanner;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Stores and pairs a batch of completions with a fixed number of statements, whatever its size: campaigns,
 * known keys, prompts (upserted and locked), completions, the prompts' earlier completions, comparisons.
 * Rows travel as one JSON parameter each ({@code json_to_recordset}). Pairing replays the arrivals in
 * batch order through {@link PairPlanner}, so the comparisons are exactly those that storing the records
 * one by one would make. Runs inside the caller's transaction, on one session.
 */
final class BatchStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mutiny.Session session;
    private final CompletionParser parser;
    private final List<CompletionRecord> records;
    private final Result[] results;

    /** A record still on its way to being stored. */
    private record Pending(
            int index, CompletionRecord record, Settings settings, String promptJson, String promptHash) {
        /** The prompt this record belongs to, as a key of the batch's maps. */
        String promptRef() {
            return BatchStore.promptRef(settings.campaignId(), record.promptId());
        }
    }

    /** A prompt row as the upsert left it (locked until commit). */
    private record PromptRow(long id, String hash, int comparisons, Set<String> tags) {}

    BatchStore(Mutiny.Session session, CompletionParser parser, List<CompletionRecord> records) {
        this.session = session;
        this.parser = parser;
        this.records = records;
        this.results = new Result[records.size()];
    }

    Uni<List<Result>> run() {
        // As one by one: a record already stored is a duplicate whatever became of its campaign since.
        List<String> keys =
                records.stream().map(CompletionRecord::completionId).distinct().toList();
        return session.createNativeQuery(
                        "select completion_key from completion where completion_key in (:keys)", String.class)
                .setParameter("keys", keys)
                .getResultList()
                .chain(known -> {
                    Set<String> stored = new HashSet<>(known);
                    Set<String> slugs = new java.util.LinkedHashSet<>();
                    for (int i = 0; i < records.size(); i++) {
                        if (stored.contains(records.get(i).completionId())) {
                            results[i] = new Result(new Outcome(Status.DUPLICATE, 0), null);
                        } else {
                            slugs.add(records.get(i).campaign());
                        }
                    }
                    if (slugs.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return session.createNativeQuery(
                                    "select " + CompletionIngestService.CAMPAIGN_COLUMNS
                                            + ", slug from campaign where slug in (:slugs)",
                                    Object[].class)
                            .setParameter("slugs", new ArrayList<>(slugs))
                            .getResultList()
                            .chain(campaigns -> prompts(pending(campaigns)));
                })
                .map(ignored -> List.of(results));
    }

    /**
     * The records not yet answered that can be stored in their campaign. A completion_id that comes twice
     * in the batch stays twice here: which copy is stored is decided after the prompt check, as one by one.
     */
    private List<Pending> pending(List<Object[]> campaigns) {
        Map<String, Object[]> bySlug = new HashMap<>();
        campaigns.forEach(c -> bySlug.put((String) c[6], c));
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (results[i] != null) {
                continue;
            }
            CompletionRecord record = records.get(i);
            Object[] campaign = bySlug.get(record.campaign());
            RejectedCompletion refusal = CompletionIngestService.refusal(record.campaign(), campaign);
            if (refusal != null) {
                reject(i, refusal);
                continue;
            }
            String promptJson = parser.toJson(record.prompt());
            pending.add(new Pending(
                    i,
                    record,
                    CompletionIngestService.settings(campaign),
                    promptJson,
                    CompletionIngestService.sha256(promptJson)));
        }
        return pending;
    }

    private static String promptRef(long campaignId, String promptKey) {
        return campaignId + "/" + promptKey;
    }

    /** Upserts (and so locks) every prompt, in a fixed order; records whose prompt text differs are rejected. */
    private Uni<Void> prompts(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Pending> firsts = new java.util.TreeMap<>();
        for (Pending p : pending) {
            firsts.putIfAbsent(p.promptRef(), p);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Pending p : firsts.values()) {
            rows.add(Map.of(
                    "n", rows.size(),
                    "campaign", p.settings().campaignId(),
                    "key", p.record().promptId(),
                    "messages", p.promptJson(),
                    "hash", p.promptHash()));
        }
        return session.createNativeQuery(
                        "insert into prompt (campaign_id, prompt_key, messages, messages_hash)"
                                + " select r.campaign, r.key, r.messages, r.hash from json_to_recordset(cast(cast(:rows as text) as json))"
                                + " as r(n int, campaign bigint, key text, messages text, hash text) order by r.n"
                                + " on conflict (campaign_id, prompt_key) do update set content_tags = prompt.content_tags"
                                + " returning id, campaign_id, prompt_key, messages_hash, comparisons,"
                                + " array_to_string(content_tags, ',')",
                        Object[].class)
                .setParameter("rows", json(rows))
                .getResultList()
                .chain(upserted -> {
                    Map<String, PromptRow> byRef = new HashMap<>();
                    for (Object[] r : upserted) {
                        String tags = (String) r[5];
                        byRef.put(
                                promptRef(((Number) r[1]).longValue(), (String) r[2]),
                                new PromptRow(
                                        ((Number) r[0]).longValue(),
                                        (String) r[3],
                                        ((Number) r[4]).intValue(),
                                        tags == null || tags.isEmpty()
                                                ? new TreeSet<>()
                                                : new TreeSet<>(List.of(tags.split(",")))));
                    }
                    List<Pending> accepted = new ArrayList<>();
                    Set<String> firstCopies = new HashSet<>();
                    for (Pending p : pending) {
                        PromptRow prompt = byRef.get(p.promptRef());
                        if (!prompt.hash().equals(p.promptHash())) {
                            reject(
                                    p.index(),
                                    new RejectedCompletion(
                                            PROMPT_MISMATCH,
                                            "prompt_id '" + p.record().promptId()
                                                    + "' was stored earlier with a different prompt"));
                        } else if (!firstCopies.add(p.record().completionId())) {
                            // an earlier copy in this batch is stored: as one by one, this one is a duplicate
                            results[p.index()] = new Result(new Outcome(Status.DUPLICATE, 0), null);
                        } else {
                            accepted.add(p);
                        }
                    }
                    return tags(accepted, byRef).chain(() -> completions(accepted, byRef));
                });
    }

    /** Adds the accepted records' content tags to their prompts. */
    private Uni<Void> tags(List<Pending> accepted, Map<String, PromptRow> prompts) {
        Map<Long, Set<String>> changed = new LinkedHashMap<>();
        for (Pending p : accepted) {
            PromptRow prompt = prompts.get(p.promptRef());
            if (!prompt.tags().containsAll(p.record().contentTags())) {
                prompt.tags().addAll(p.record().contentTags());
                changed.put(prompt.id(), prompt.tags());
            }
        }
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        changed.forEach((id, tags) -> rows.add(Map.of("id", id, "tags", String.join(",", tags))));
        return session.createNativeQuery(
                        "update prompt p set content_tags = string_to_array(r.tags, ',')"
                                + " from json_to_recordset(cast(cast(:rows as text) as json)) as r(id bigint, tags text) where p.id = r.id")
                .setParameter("rows", json(rows))
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Void> completions(List<Pending> accepted, Map<String, PromptRow> prompts) {
        if (accepted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Pending p : accepted) {
            Map<String, Object> row = new HashMap<>();
            row.put("n", rows.size());
            row.put("key", p.record().completionId());
            row.put("campaign", p.settings().campaignId());
            row.put("prompt", prompts.get(p.promptRef()).id());
            row.put("model", p.record().model());
            row.put("response", parser.toJson(p.record().response()));
            row.put("tags", String.join(",", p.record().contentTags()));
            row.put("metadata", p.record().metadataJson());
            rows.add(row);
        }
        return session.createNativeQuery(
                        "insert into completion (completion_key, campaign_id, prompt_id, model, response, content_tags, metadata)"
                                + " select r.key, r.campaign, r.prompt, r.model, r.response,"
                                + " case when r.tags = '' then '{}'::text[] else string_to_array(r.tags, ',') end, r.metadata"
                                + " from json_to_recordset(cast(cast(:rows as text) as json)) as r(n int, key text, campaign bigint,"
                                + " prompt bigint, model text, response text, tags text, metadata text) order by r.n"
                                + " on conflict (completion_key) do nothing returning id, completion_key",
                        Object[].class)
                .setParameter("rows", json(rows))
                .getResultList()
                .chain(inserted -> {
                    Map<String, Long> ids = new HashMap<>();
                    inserted.forEach(r -> ids.put((String) r[1], ((Number) r[0]).longValue()));
                    List<Pending> stored = new ArrayList<>();
                    for (Pending p : accepted) {
                        if (ids.containsKey(p.record().completionId())) {
                            stored.add(p);
                        } else { // a concurrent delivery of the same record won the insert
                            results[p.index()] = new Result(new Outcome(Status.DUPLICATE, 0), null);
                        }
                    }
                    return pair(stored, ids, prompts);
                });
    }

    /** Replays the arrivals per prompt through the planner, then writes every comparison at once. */
    private Uni<Void> pair(List<Pending> stored, Map<String, Long> ids, Map<String, PromptRow> prompts) {
        if (stored.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, List<Pending>> byPrompt = new LinkedHashMap<>();
        for (Pending p : stored) {
            long prompt = prompts.get(p.promptRef()).id();
            byPrompt.computeIfAbsent(prompt, k -> new ArrayList<>()).add(p);
        }
        Set<Long> added = new HashSet<>(ids.values());
        return session.createNativeQuery(
                        "select id, prompt_id, completion_key, model from completion where prompt_id in (:prompts)",
                        Object[].class)
                .setParameter("prompts", new ArrayList<>(byPrompt.keySet()))
                .getResultList()
                .chain(existing -> {
                    Map<Long, List<PairPlanner.Candidate>> earlier = new HashMap<>();
                    for (Object[] r : existing) {
                        long id = ((Number) r[0]).longValue();
                        if (!added.contains(id)) {
                            earlier.computeIfAbsent(((Number) r[1]).longValue(), k -> new ArrayList<>())
                                    .add(new PairPlanner.Candidate(id, (String) r[2], (String) r[3]));
                        }
                    }
                    List<Map<String, Object>> rows = new ArrayList<>();
                    Map<Long, Integer> made = new HashMap<>();
                    for (Map.Entry<Long, List<Pending>> prompt : byPrompt.entrySet()) {
                        List<PairPlanner.Candidate> before =
                                earlier.computeIfAbsent(prompt.getKey(), k -> new ArrayList<>());
                        before.sort(Comparator.comparingLong(PairPlanner.Candidate::id));
                        PromptRow row = prompts.get(prompt.getValue().get(0).promptRef());
                        int count = row.comparisons();
                        for (Pending p : prompt.getValue()) {
                            Settings s = p.settings();
                            PairPlanner.Candidate candidate = new PairPlanner.Candidate(
                                    ids.get(p.record().completionId()),
                                    p.record().completionId(),
                                    p.record().model());
                            List<PairPlanner.Candidate> partners = PairPlanner.partners(
                                    s.strategy(),
                                    s.baselineModel(),
                                    s.seed(),
                                    p.record().promptId(),
                                    candidate,
                                    before,
                                    s.cap() - count);
                            for (PairPlanner.Candidate partner : partners) {
                                rows.add(Map.of(
                                        "campaign", s.campaignId(),
                                        "prompt", prompt.getKey(),
                                        "lo", Math.min(partner.id(), candidate.id()),
                                        "hi", Math.max(partner.id(), candidate.id())));
                            }
                            count += partners.size();
                            results[p.index()] = new Result(new Outcome(Status.STORED, partners.size()), null);
                            before.add(candidate);
                        }
                        made.put(prompt.getKey(), count - row.comparisons());
                    }
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Map<String, Object>> counts = new ArrayList<>();
                    made.forEach((prompt, n) -> {
                        if (n > 0) {
                            counts.add(Map.of("id", prompt, "n", n));
                        }
                    });
                    return session.createNativeQuery(
                                    "insert into comparison (campaign_id, prompt_id, completion_lo, completion_hi)"
                                            + " select r.campaign, r.prompt, r.lo, r.hi from json_to_recordset(cast(cast(:rows as text) as json))"
                                            + " as r(campaign bigint, prompt bigint, lo bigint, hi bigint)")
                            .setParameter("rows", json(rows))
                            .executeUpdate()
                            .chain(() -> session.createNativeQuery(
                                            "update prompt p set comparisons = p.comparisons + r.n"
                                                    + " from json_to_recordset(cast(cast(:rows as text) as json)) as r(id bigint, n int) where p.id = r.id")
                                    .setParameter("rows", json(counts))
                                    .executeUpdate())
                            .replaceWithVoid();
                });
    }

    private void reject(int index, RejectedCompletion rejection) {
        results[index] = new Result(null, rejection);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows are plain maps", e);
        }
    }
}
