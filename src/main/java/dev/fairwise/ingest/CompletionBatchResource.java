package dev.fairwise.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.LargeBody;
import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.db.Db;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Batch ingest over REST, for pipelines without Kafka. Each record is stored (and paired) on its own. */
@Path("/api/v1/completions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Completions (admin)")
public class CompletionBatchResource {
    private final CompletionParser parser;
    private final CompletionIngestService ingest;
    private final IngestMetrics metrics;
    private final IngestConfig config;

    CompletionBatchResource(
            CompletionParser parser, CompletionIngestService ingest, IngestMetrics metrics, IngestConfig config) {
        this.parser = parser;
        this.ingest = ingest;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * A batch of completion records, each in the Kafka record format.
     *
     * @param completions the records
     */
    @Schema(name = "CompletionBatch")
    public record Batch(
            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = CompletionInput.class,
                    description = "Records in the fairwise.completions.v1 format")
            @NotNull
            @Size(min = 1, message = "must hold at least one record")
            List<JsonNode> completions) {}

    /**
     * What became of one record.
     *
     * @param index position in the batch
     * @param completionId the record's completion_id, when it had a readable one
     * @param status stored, duplicate or rejected
     * @param reason why it was rejected (the same codes as the dead-letter header)
     * @param detail what was wrong, for a person
     * @param comparisonsCreated comparisons the record added
     */
    @Schema(name = "CompletionResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            int index,
            String completionId,

            @Schema(enumeration = {"stored", "duplicate", "rejected"})
            String status,

            String reason,
            String detail,
            Integer comparisonsCreated) {}

    /**
     * Per-record results, in batch order, and their totals.
     *
     * @param stored records stored now
     * @param duplicates records already stored earlier
     * @param rejected records that can never be stored
     * @param results one result per record
     */
    @Schema(name = "CompletionBatchResult")
    public record BatchResult(int stored, int duplicates, int rejected, List<Result> results) {}

    @POST
    @LargeBody
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "ingestCompletions", summary = "Ingest a batch of completions")
    @APIResponse(responseCode = "200", description = "Per-record results")
    @APIResponse(
            responseCode = "400",
            description = "Not a batch, or too many records",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; send the batch again (records stored already answer duplicate)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchResult> ingest(@NotNull @Valid Batch batch) {
        if (batch.completions().size() > config.batchMaxRecords()) {
            throw ApiException.invalid("completions", "at most " + config.batchMaxRecords() + " records per batch");
        }
        int size = batch.completions().size();
        Result[] results = new Result[size];
        List<Integer> valid = new ArrayList<>();
        List<CompletionRecord> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            try {
                records.add(parser.parse(batch.completions().get(i)));
                valid.add(i);
            } catch (RejectedCompletion e) {
                results[i] = rejected(i, batch.completions().get(i), e);
            }
        }
        Uni<List<Result>> stored = records.isEmpty()
                ? Uni.createFrom().item(List.of())
                : ingest.ingestAll(records)
                        .invoke(() -> metrics.storedTogether("rest", records.size()))
                        .map(outcomes -> {
                            List<Result> answered = new ArrayList<>();
                            for (int k = 0; k < outcomes.size(); k++) {
                                int i = valid.get(k);
                                CompletionIngestService.Result outcome = outcomes.get(k);
                                answered.add(
                                        outcome.rejection() != null
                                                ? rejected(
                                                        i, batch.completions().get(i), outcome.rejection())
                                                : stored(i, batch.completions().get(i), outcome.outcome()));
                            }
                            return answered;
                        })
                        // The database is away: 503, and the client sends the batch again. Any other failure
                        // of the batch's transaction (a value PostgreSQL refused, say) is settled record by
                        // record, each in a transaction of its own.
                        .onFailure(e -> !Db.isUnavailable(e))
                        .recoverWithUni(e -> Multi.createFrom()
                                .iterable(valid)
                                .onItem()
                                .transformToUniAndConcatenate(
                                        i -> one(i, batch.completions().get(i)))
                                .collect()
                                .asList());
        return stored.map(answered -> {
            answered.forEach(r -> results[r.index()] = r);
            List<Result> all = List.of(results);
            return new BatchResult(count(all, "stored"), count(all, "duplicate"), count(all, "rejected"), all);
        });
    }

    private Result stored(int index, JsonNode node, CompletionIngestService.Outcome outcome) {
        metrics.outcome("rest", outcome);
        return new Result(
                index,
                completionId(node),
                outcome.status().name().toLowerCase(),
                null,
                null,
                outcome.comparisonsCreated());
    }

    private Result rejected(int index, JsonNode node, RejectedCompletion rejection) {
        metrics.rejected("rest", rejection.reason());
        return new Result(
                index, completionId(node), "rejected", rejection.reason().wire(), rejection.getMessage(), null);
    }

    private static String completionId(JsonNode node) {
        return node != null && node.path("completion_id").isTextual()
                ? node.get("completion_id").asText()
                : null;
    }

    private Uni<Result> one(int index, JsonNode node) {
        return Uni.createFrom()
                .item(() -> parser.parse(node))
                .chain(ingest::ingest)
                .map(outcome -> stored(index, node, outcome))
                .onFailure(RejectedCompletion.class)
                .recoverWithItem(e -> rejected(index, node, (RejectedCompletion) e));
    }

    private static int count(List<Result> results, String status) {
        return (int) IntStream.range(0, results.size())
                .filter(i -> results.get(i).status().equals(status))
                .count();
    }
}
