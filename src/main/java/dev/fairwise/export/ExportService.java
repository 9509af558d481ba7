package dev.fairwise.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.JsonConfig;
import dev.fairwise.db.Rows;
import dev.fairwise.rater.Pseudonyms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exports a campaign's judgments as JSON Lines with constant memory: judgments are read a page at a time on
 * the reactive pool and each page is written to the response before the one after it is awaited; the next
 * page is read while the current one is written, so at most two pages are held at once, however large the
 * campaign. A page asks for as many rows as fit in {@code fairwise.export.page-chars} of stored text at the
 * size of the rows before it (at most {@code fairwise.export.page-size}), so long completions make smaller
 * pages rather than more memory. Runs on a worker thread (the output stream blocks while the client is slow
 * to read).
 */
@ApplicationScoped
public class ExportService {
    /** JSON Lines: one JSON object per line, each line ended by {@code \n}. */
    public static final String MEDIA_TYPE = "application/jsonl";

    /** Pseudonyms remembered per export; a campaign with more raters than this computes some again. */
    private static final int PSEUDONYMS_KEPT = 10_000;

    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    /** Rows the first page asks for, before the size of a row is known. */
    private static final int FIRST_PAGE = 500;

    /** Characters a row holds besides its prompt and responses (ids, names, verdict), roughly. */
    private static final int ROW_OVERHEAD = 400;

    private final Pool pool;
    private final Pseudonyms pseudonyms;
    private final int pageSize;
    private final long pageChars;
    private final MeterRegistry registry;
    private final ObjectMapper json = JsonConfig.records();

    ExportService(
            Pool pool,
            Pseudonyms pseudonyms,
            MeterRegistry registry,
            @ConfigProperty(name = "fairwise.export.page-size", defaultValue = "5000") int pageSize,
            @ConfigProperty(name = "fairwise.export.page-chars", defaultValue = "4000000") long pageChars) {
        if (pageSize < 1 || pageChars < 1) {
            throw new IllegalStateException("fairwise.export.page-size and page-chars must be at least 1");
        }
        this.pageChars = pageChars;
        this.pool = pool;
        this.pseudonyms = pseudonyms;
        this.registry = registry;
        this.pageSize = pageSize;
    }

    /**
     * What to export.
     *
     * @param format the line format
     * @param since judgments created at or after this instant; null for all
     * @param consensusOnly only judgments that agree with their comparison's decisive consensus (not split,
     *     verdict a or b)
     * @param excludeGold leave out judgments of gold items
     * @param criterion export the answer on this criterion instead of the overall winner; null for the winner
     */
    public record Request(
            ExportFormat format, Instant since, boolean consensusOnly, boolean excludeGold, String criterion) {}

    /**
     * Checks the request against the campaign and answers the writer of its export. Blocks (call it on a
     * worker thread): a 404 problem for an unknown campaign and a 400 problem for a criterion it does not
     * have are thrown here, before any byte of the body is written.
     */
    public StreamingOutput export(String slug, Request request) {
        ExportStore.CampaignRow campaign =
                ExportStore.campaign(pool, slug).await().atMost(LOOKUP_TIMEOUT);
        if (campaign == null) {
            throw ApiException.notFound("no campaign '" + slug + "'");
        }
        if (request.criterion() != null && !campaign.criteria().contains(request.criterion())) {
            throw ApiException.invalid(
                    "criterion",
                    campaign.criteria().isEmpty()
                            ? "campaign '" + slug + "' has no criteria"
                            : "is not a criterion of campaign '" + slug + "' (it has "
                                    + String.join(", ", campaign.criteria()) + ")");
        }
        ExportStore.Filter filter = new ExportStore.Filter(
                campaign.id(),
                request.criterion(),
                request.format() == ExportFormat.FAIRWISE,
                request.format().decisiveOnly(),
                request.excludeGold(),
                request.consensusOnly());
        ExportStore.Key start =
                new ExportStore.Key(Rows.at(request.since() == null ? Instant.EPOCH : request.since()), new UUID(0, 0));
        ExportLines lines = ExportLines.of(request.format(), json, campaign.slug(), pseudonymsOf(campaign));
        Counter pages = Counter.builder("fairwise.export.pages")
                .description("Pages of judgments read by exports")
                .tag("format", request.format().wire())
                .register(registry);
        Counter records = Counter.builder("fairwise.export.records")
                .description("Records written by exports")
                .tag("format", request.format().wire())
                .register(registry);
        return output -> {
            // a page's lines go out in 64 KiB writes, not in the generator's own small ones
            JsonGenerator out = json.getFactory().createGenerator(new BufferedOutputStream(output, 1 << 16));
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            out.setRootValueSeparator(null);
            int limit = Math.min(pageSize, FIRST_PAGE);
            CompletableFuture<List<ExportStore.ExportRow>> next = page(filter, start, limit);
            while (next != null) {
                List<ExportStore.ExportRow> rows = await(next);
                pages.increment();
                boolean more = rows.size() == limit;
                limit = nextLimit(rows);
                next = more ? page(filter, rows.get(rows.size() - 1).key(), limit) : null;
                for (ExportStore.ExportRow row : rows) {
                    lines.write(row, out);
                    out.writeRaw('\n');
                }
                out.flush();
                records.increment(rows.size());
            }
            out.close();
        };
    }

    /**
     * How many rows the next page asks for: as many as fit in the page budget at the size of the rows just
     * read (the stored texts, which dominate), between {@link #FIRST_PAGE} / 10 and the configured page size.
     * Short completions give large pages (few statements); long ones give small pages, so the two pages held
     * at once stay within the budget whatever the campaign holds.
     */
    int nextLimit(List<ExportStore.ExportRow> rows) {
        if (rows.isEmpty()) {
            return pageSize;
        }
        long chars = 0;
        for (ExportStore.ExportRow row : rows) {
            chars += ROW_OVERHEAD
                    + row.prompt().length()
                    + row.loResponse().length()
                    + row.hiResponse().length();
        }
        long perRow = Math.max(1, chars / rows.size());
        return (int) Math.max(Math.min(pageSize, FIRST_PAGE / 10), Math.min(pageSize, pageChars / perRow));
    }

    private CompletableFuture<List<ExportStore.ExportRow>> page(
            ExportStore.Filter filter, ExportStore.Key after, int limit) {
        return ExportStore.page(pool, filter, after, limit)
                .subscribeAsCompletionStage()
                .toCompletableFuture();
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("export interrupted");
        } catch (ExecutionException e) {
            throw new IOException("reading a page of the export failed", e.getCause());
        }
    }

    /** A rater's pseudonym in this campaign's records, remembered for the raters seen most recently. */
    private Function<String, String> pseudonymsOf(ExportStore.CampaignRow campaign) {
        Map<String, String> kept = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > PSEUDONYMS_KEPT;
            }
        };
        return rater ->
                kept.computeIfAbsent(rater, r -> pseudonyms.of(r, campaign.slug(), campaign.perCampaignPseudonyms()));
    }
}
