package dev.fairwise.ingest;

import dev.fairwise.db.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Stores completions and pairs them, in one transaction: a crash leaves all of a transaction's records or
 * none, so there is nothing to catch up on. Safe to run any number of times for the same records: the unique
 * completion key makes every repeat a no-op that reports {@link Status#DUPLICATE}. Both entry points run the
 * same {@link BatchIngest}; {@link #ingest} is a batch of one, the fallback for a group whose transaction
 * failed.
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

    /**
     * One record of a batch and what became of it: an outcome, or the rejection that says why it can never
     * be stored (it then wrote nothing).
     */
    public record Result(Outcome outcome, RejectedCompletion rejection) {}

    private final Pool pool;
    private final CompletionParser parser;

    CompletionIngestService(Pool pool, CompletionParser parser) {
        this.pool = pool;
        this.parser = parser;
    }

    /**
     * Stores and pairs validated records in one transaction, in the order given, with a handful of statements
     * for all of them. A record that can never be stored is answered with its rejection and writes nothing.
     * Any other failure fails the whole batch, which then leaves nothing behind; the caller stores its
     * records one by one instead.
     */
    public Uni<List<Result>> ingestAll(List<CompletionRecord> records) {
        return pool.withTransaction(db -> new BatchIngest(db, parser, records).run());
    }

    /**
     * Stores and pairs one validated record in a transaction of its own. Fails with
     * {@link RejectedCompletion} when the record can never be stored (unknown or closed campaign, a prompt
     * text that contradicts the stored one, a value PostgreSQL refuses); any other failure is transient and
     * the caller retries.
     */
    public Uni<Outcome> ingest(CompletionRecord record) {
        return ingestAll(List.of(record))
                .map(results -> {
                    Result result = results.get(0);
                    if (result.rejection() != null) {
                        throw result.rejection();
                    }
                    return result.outcome();
                })
                // PostgreSQL refused a value itself: the record can never be stored as it is.
                .onFailure(Db::isDataException)
                .transform(e -> new RejectedCompletion(
                        RejectedCompletion.Reason.INVALID_FIELD, "a value cannot be stored: " + e.getMessage()));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
