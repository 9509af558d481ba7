package dev.fairwise.ingest;

import static dev.fairwise.ingest.RejectedCompletion.Reason.CAMPAIGN_CLOSED;
import static dev.fairwise.ingest.RejectedCompletion.Reason.PROMPT_MISMATCH;
import static dev.fairwise.ingest.RejectedCompletion.Reason.UNKNOWN_CAMPAIGN;

import dev.fairwise.assignment.AssignmentStore;
import dev.fairwise.ingest.CompletionIngestService.Outcome;
import dev.fairwise.ingest.CompletionIngestService.Result;
import dev.fairwise.ingest.CompletionIngestService.Status;
import dev.fairwise.pairing.PairPlanner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores and pairs a batch of completions in one transaction with a fixed number of statements, whatever its
 * size: known keys, campaigns, prompts (upserted and locked), tags, completions, the prompts' earlier
 * completions, comparisons and their counts. Pairing replays the arrivals in batch order through
 * {@link PairPlanner}, so a batch makes exactly the comparisons its records would make stored one per
 * transaction. This is the only ingest path: Kafka polls and REST batches come here, and a group whose
 * transaction failed comes here again a record at a time.
 */
final class BatchIngest {
    private final SqlConnection db;
    private final CompletionParser parser;
    private final List<CompletionRecord> records;
    private final Result[] results;

    /** A record still on its way to being stored. */
    private record Pending(
            int index, CompletionRecord record, PairPlanner.Settings settings, String promptJson, String promptHash) {
        /** The prompt this record belongs to, as a key of the batch's maps. */
        String promptRef() {
            return BatchIngest.promptRef(settings.campaignId(), record.promptId());
        }
    }

    BatchIngest(SqlConnection db, CompletionParser parser, List<CompletionRecord> records) {
        this.db = db;
        this.parser = parser;
        this.records = records;
        this.results = new Result[records.size()];
    }

    Uni<List<Result>> run() {
        // A record already stored is a duplicate, whatever became of its campaign since.
        List<String> keys =
                records.stream().map(CompletionRecord::completionId).distinct().toList();
        return CompletionStore.known(db, keys)
                .chain(stored -> {
                    Set<String> slugs = new LinkedHashSet<>();
                    for (int i = 0; i < records.size(); i++) {
                        if (stored.contains(records.get(i).completionId())) {
                            duplicate(i);
                        } else {
                            slugs.add(records.get(i).campaign());
                        }
                    }
                    if (slugs.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return CompletionStore.campaigns(db, slugs).chain(campaigns -> prompts(pending(campaigns)));
                })
                .map(ignored -> List.of(results));
    }

    /** Why no record of campaign {@code slug} can be stored (null when there is no such campaign), or null. */
    static RejectedCompletion refusal(String slug, CompletionStore.Campaign campaign) {
        if (campaign == null) {
            return new RejectedCompletion(UNKNOWN_CAMPAIGN, "no campaign '" + slug + "'");
        }
        if ("closed".equals(campaign.state())) {
            return new RejectedCompletion(CAMPAIGN_CLOSED, "campaign '" + slug + "' is closed");
        }
        return null;
    }

    /**
     * The records not yet answered that can be stored in their campaign. A completion_id that comes twice in
     * the batch stays twice here: which copy is stored is decided after the prompt check.
     */
    private List<Pending> pending(Map<String, CompletionStore.Campaign> campaigns) {
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (results[i] != null) {
                continue;
            }
            CompletionRecord record = records.get(i);
            CompletionStore.Campaign campaign = campaigns.get(record.campaign());
            RejectedCompletion refusal = refusal(record.campaign(), campaign);
            if (refusal != null) {
                results[i] = new Result(null, refusal);
                continue;
            }
            String promptJson = parser.toJson(record.prompt());
            pending.add(new Pending(
                    i, record, campaign.settings(), promptJson, CompletionIngestService.sha256(promptJson)));
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
        Map<String, Pending> firsts = new TreeMap<>();
        for (Pending p : pending) {
            firsts.putIfAbsent(p.promptRef(), p);
        }
        List<CompletionStore.NewPrompt> rows = new ArrayList<>();
        for (Pending p : firsts.values()) {
            rows.add(new CompletionStore.NewPrompt(
                    p.settings().campaignId(), p.record().promptId(), p.promptJson(), p.promptHash()));
        }
        return CompletionStore.upsertPrompts(db, rows).chain(upserted -> {
            Map<String, CompletionStore.PromptRow> byRef = new HashMap<>();
            for (CompletionStore.PromptRow row : upserted) {
                byRef.put(promptRef(row.campaignId(), row.key()), row);
            }
            List<Pending> accepted = new ArrayList<>();
            Set<String> firstCopies = new HashSet<>();
            for (Pending p : pending) {
                CompletionStore.PromptRow prompt = byRef.get(p.promptRef());
                if (!prompt.hash().equals(p.promptHash())) {
                    results[p.index()] = new Result(
                            null,
                            new RejectedCompletion(
                                    PROMPT_MISMATCH,
                                    "prompt_id '" + p.record().promptId()
                                            + "' was stored earlier with a different prompt"));
                } else if (!firstCopies.add(p.record().completionId())) {
                    // an earlier copy in this batch is stored: this one is a duplicate
                    duplicate(p.index());
                } else {
                    accepted.add(p);
                }
            }
            return tags(accepted, byRef).chain(() -> completions(accepted, byRef));
        });
    }

    /** Adds the accepted records' content tags to their prompts. */
    private Uni<Void> tags(List<Pending> accepted, Map<String, CompletionStore.PromptRow> prompts) {
        Map<Long, Set<String>> changed = new LinkedHashMap<>();
        for (Pending p : accepted) {
            CompletionStore.PromptRow prompt = prompts.get(p.promptRef());
            if (!prompt.tags().containsAll(p.record().contentTags())) {
                prompt.tags().addAll(p.record().contentTags());
                changed.put(prompt.id(), prompt.tags());
            }
        }
        return CompletionStore.setTags(db, changed);
    }

    private Uni<Void> completions(List<Pending> accepted, Map<String, CompletionStore.PromptRow> prompts) {
        if (accepted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CompletionStore.NewCompletion> rows = new ArrayList<>();
        for (Pending p : accepted) {
            rows.add(new CompletionStore.NewCompletion(
                    p.record().completionId(),
                    p.settings().campaignId(),
                    prompts.get(p.promptRef()).id(),
                    p.record().model(),
                    parser.toJson(p.record().response()),
                    p.record().contentTags(),
                    p.record().metadataJson()));
        }
        return CompletionStore.insertCompletions(db, rows).chain(ids -> {
            List<Pending> stored = new ArrayList<>();
            for (Pending p : accepted) {
                if (ids.containsKey(p.record().completionId())) {
                    stored.add(p);
                } else { // a concurrent delivery of the same record won the insert
                    duplicate(p.index());
                }
            }
            return pair(stored, ids, prompts);
        });
    }

    /** Replays the arrivals per prompt through the planner, then writes every comparison at once. */
    private Uni<Void> pair(
            List<Pending> stored, Map<String, Long> ids, Map<String, CompletionStore.PromptRow> prompts) {
        if (stored.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, List<Pending>> byPrompt = new LinkedHashMap<>();
        for (Pending p : stored) {
            byPrompt.computeIfAbsent(prompts.get(p.promptRef()).id(), k -> new ArrayList<>())
                    .add(p);
        }
        Set<Long> added = new HashSet<>(ids.values());
        return CompletionStore.ofPrompts(db, byPrompt.keySet()).chain(existing -> {
            Map<Long, List<PairPlanner.Candidate>> earlier = new HashMap<>();
            for (CompletionStore.Stored s : existing) {
                if (!added.contains(s.candidate().id())) {
                    earlier.computeIfAbsent(s.promptId(), k -> new ArrayList<>())
                            .add(s.candidate());
                }
            }
            List<AssignmentStore.NewComparison> pairs = new ArrayList<>();
            for (Map.Entry<Long, List<Pending>> prompt : byPrompt.entrySet()) {
                List<PairPlanner.Candidate> before = earlier.computeIfAbsent(prompt.getKey(), k -> new ArrayList<>());
                before.sort(Comparator.comparingLong(PairPlanner.Candidate::id));
                int count = prompts.get(prompt.getValue().get(0).promptRef()).comparisons();
                for (Pending p : prompt.getValue()) {
                    PairPlanner.Settings s = p.settings();
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
                        pairs.add(new AssignmentStore.NewComparison(
                                s.campaignId(), prompt.getKey(), partner.id(), candidate.id()));
                    }
                    count += partners.size();
                    results[p.index()] = new Result(new Outcome(Status.STORED, partners.size()), null);
                    before.add(candidate);
                }
            }
            return AssignmentStore.insertComparisons(db, pairs).chain(made -> CompletionStore.addComparisons(db, made));
        });
    }

    private void duplicate(int index) {
        results[index] = new Result(new Outcome(Status.DUPLICATE, 0), null);
    }
}
