package dev.fairwise.ingest;

import static dev.fairwise.ingest.RejectedCompletion.Reason.CAMPAIGN_CLOSED;
import static dev.fairwise.ingest.RejectedCompletion.Reason.PROMPT_MISMATCH;
import static dev.fairwise.ingest.RejectedCompletion.Reason.UNKNOWN_CAMPAIGN;

import dev.fairwise.campaign.PairingStrategy;
import dev.fairwise.pairing.ComparisonWriter;
import dev.fairwise.pairing.PairPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Stores a completion and pairs it, in one transaction: a crash either leaves neither or both, so there
 * is nothing to catch up on. Safe to run any number of times for the same record: the unique
 * completion key makes every repeat a no-op that reports {@link Status#DUPLICATE}.
 */
@ApplicationScoped
public class CompletionIngestService {

    /** What became of a record. */
    public enum Status {
        STORED,
        DUPLICATE
    }

    /**
     * @param status stored or duplicate
     * @param comparisonsCreated comparisons this completion added
     */
    public record Outcome(Status status, int comparisonsCreated) {}

    private final Mutiny.SessionFactory sessions;
    private final CompletionParser parser;
    private final ComparisonWriter comparisons;

    CompletionIngestService(Mutiny.SessionFactory sessions, CompletionParser parser, ComparisonWriter comparisons) {
        this.sessions = sessions;
        this.parser = parser;
        this.comparisons = comparisons;
    }

    /**
     * Stores and pairs one validated record. Fails with {@link RejectedCompletion} when the record can never
     * be stored (unknown or closed campaign, a prompt text that contradicts the stored one); any other
     * failure is transient and the caller retries.
     */
    public Uni<Outcome> ingest(CompletionRecord record) {
        String promptJson = parser.toJson(record.prompt());
        String promptHash = sha256(promptJson);
        // An explicit session per record: the consumer stores several records at once on one Vert.x
        // context, where the context-bound session of withTransaction would be shared between them.
        return sessions.openSession()
                .chain(own -> own.withTransaction(tx -> work(own, record, promptJson, promptHash))
                        .eventually(own::close))
                // PostgreSQL refused a value itself: the record can never be stored as it is.
                .onFailure(dev.fairwise.db.Db::isDataException)
                .transform(e -> new RejectedCompletion(
                        RejectedCompletion.Reason.INVALID_FIELD, "a value cannot be stored: " + e.getMessage()));
    }

    private Uni<Outcome> work(Mutiny.Session session, CompletionRecord record, String promptJson, String promptHash) {
        return session.createNativeQuery("select 1 from completion where completion_key = :key", Integer.class)
                .setParameter("key", record.completionId())
                .getSingleResultOrNull()
                .chain(seen -> seen != null
                        ? Uni.createFrom().item(new Outcome(Status.DUPLICATE, 0))
                        : store(session, record, promptJson, promptHash));
    }

    private Uni<Outcome> store(Mutiny.Session session, CompletionRecord record, String promptJson, String promptHash) {
        return campaign(session, record.campaign())
                .chain(settings -> store(session, settings, record, promptJson, promptHash));
    }

    /** The campaign's pairing settings; fails with a rejection when it is unknown or closed. */
    private static Uni<ComparisonWriter.Settings> campaign(Mutiny.Session session, String slug) {
        return session.createNativeQuery(
                        "select " + CAMPAIGN_COLUMNS + " from campaign where slug = :slug", Object[].class)
                .setParameter("slug", slug)
                .getSingleResultOrNull()
                .map(campaign -> {
                    RejectedCompletion refusal = refusal(slug, campaign);
                    if (refusal != null) {
                        throw refusal;
                    }
                    return settings(campaign);
                });
    }

    /** The campaign columns {@link #refusal} and {@link #settings} read, in this order. */
    static final String CAMPAIGN_COLUMNS = "id, state, pairing_strategy, baseline_model, per_prompt_cap, pairing_seed";

    /** Why no record of campaign {@code slug} can be stored (its row null when there is none), or null. */
    static RejectedCompletion refusal(String slug, Object[] campaign) {
        if (campaign == null) {
            return new RejectedCompletion(UNKNOWN_CAMPAIGN, "no campaign '" + slug + "'");
        }
        if ("closed".equals(campaign[1])) {
            return new RejectedCompletion(CAMPAIGN_CLOSED, "campaign '" + slug + "' is closed");
        }
        return null;
    }

    static ComparisonWriter.Settings settings(Object[] campaign) {
        return new ComparisonWriter.Settings(
                ((Number) campaign[0]).longValue(),
                PairingStrategy.fromWire((String) campaign[2]),
                (String) campaign[3],
                ((Number) campaign[4]).intValue(),
                ((Number) campaign[5]).longValue());
    }

    private Uni<Outcome> store(
            Mutiny.Session session,
            ComparisonWriter.Settings settings,
            CompletionRecord record,
            String promptJson,
            String promptHash) {
        return lockPrompt(session, settings.campaignId(), record, promptJson, promptHash)
                .chain(promptRowId -> insertCompletion(session, settings.campaignId(), promptRowId, record)
                        .chain(completionId -> completionId == null
                                // a concurrent delivery of the same record won the insert
                                ? Uni.createFrom().item(new Outcome(Status.DUPLICATE, 0))
                                : comparisons
                                        .pair(
                                                session,
                                                settings,
                                                promptRowId,
                                                record.promptId(),
                                                new PairPlanner.Candidate(
                                                        completionId, record.completionId(), record.model()))
                                        .map(made -> new Outcome(Status.STORED, made))));
    }

    /**
     * One record of a batch and what became of it: an outcome, or the rejection that says why it can never
     * be stored (it then wrote nothing).
     */
    public record Result(Outcome outcome, RejectedCompletion rejection) {}

    /**
     * Stores and pairs validated records in one transaction, in the order given, with a handful of
     * statements for all of them ({@link BatchStore}) where {@link #ingest} needs several each. A record
     * that can never be stored is answered with its rejection and writes nothing. Any other failure fails the whole batch, which then leaves nothing
     * behind; the caller stores its records one by one instead.
     */
    public Uni<List<Result>> ingestAll(List<CompletionRecord> records) {
        return sessions.openSession()
                .chain(own -> own.withTransaction(tx -> new BatchStore(own, parser, records).run())
                        .eventually(own::close));
    }

    /**
     * Creates the prompt or takes its row lock (the upsert locks the row until commit), and checks that
     * the record carries the prompt text already stored for this prompt_id; a record that does not changes
     * nothing.
     */
    private static Uni<Long> lockPrompt(
            Mutiny.Session session, long campaignId, CompletionRecord record, String promptJson, String promptHash) {
        return session.createNativeQuery(
                        "insert into prompt (campaign_id, prompt_key, messages, messages_hash, content_tags)"
                                + " values (:campaign, :key, :messages, :hash, :tags)"
                                + " on conflict (campaign_id, prompt_key) do update set content_tags ="
                                + " array(select distinct t from unnest(prompt.content_tags || excluded.content_tags) t order by t)"
                                // a different prompt text: the row is locked but not changed, and no row comes back
                                + " where prompt.messages_hash = excluded.messages_hash"
                                + " returning id",
                        Long.class)
                .setParameter("campaign", campaignId)
                .setParameter("key", record.promptId())
                .setParameter("messages", promptJson)
                .setParameter("hash", promptHash)
                .setParameter("tags", record.contentTags().toArray(new String[0]))
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new RejectedCompletion(
                                PROMPT_MISMATCH,
                                "prompt_id '" + record.promptId() + "' was stored earlier with a different prompt");
                    }
                    return ((Number) rows.get(0)).longValue();
                });
    }

    private Uni<Long> insertCompletion(
            Mutiny.Session session, long campaignId, long promptRowId, CompletionRecord record) {
        return session.createNativeQuery(
                        "insert into completion (completion_key, campaign_id, prompt_id, model, response, content_tags, metadata)"
                                + " values (:key, :campaign, :prompt, :model, :response, :tags, :metadata)"
                                + " on conflict (completion_key) do nothing returning id",
                        Long.class)
                .setParameter("key", record.completionId())
                .setParameter("campaign", campaignId)
                .setParameter("prompt", promptRowId)
                .setParameter("model", record.model())
                .setParameter("response", parser.toJson(record.response()))
                .setParameter("tags", record.contentTags().toArray(new String[0]))
                .setParameter("metadata", record.metadataJson())
                .getSingleResultOrNull();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
