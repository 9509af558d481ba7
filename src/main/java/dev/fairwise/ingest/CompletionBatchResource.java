package dev.fairwise.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.LargeBody;
import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
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
            description = "The database is unavailable; records before the failure are stored, resend the batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchResult> ingest(@NotNull @Valid Batch batch) {
        if (batch.completions().size() > config.batchMaxRecords()) {
            throw ApiException.invalid("completions", "at most " + config.batchMaxRecords() + " records per batch");
        }
        return Multi.createFrom()
                .range(0, batch.completions().size())
                .onItem()
                .transformToUniAndConcatenate(i -> one(i, batch.completions().get(i)))
                .collect()
                .asList()
                .map(results -> new BatchResult(
                        count(results, "stored"), count(results, "duplicate"), count(results, "rejected"), results));
    }

    private Uni<Result> one(int index, JsonNode node) {
        String id = node != null && node.path("completion_id").isTextual()
                ? node.get("completion_id").asText()
                : null;
        return Uni.createFrom()
                .item(() -> parser.parse(node))
                .chain(ingest::ingest)
                .map(outcome -> {
                    metrics.outcome("rest", outcome);
                    return new Result(
                            index, id, outcome.status().name().toLowerCase(), null, null, outcome.comparisonsCreated());
                })
                .onFailure(RejectedCompletion.class)
                .recoverWithItem(e -> {
                    RejectedCompletion rejected = (RejectedCompletion) e;
                    metrics.rejected("rest", rejected.reason());
                    return new Result(index, id, "rejected", rejected.reason().wire(), rejected.getMessage(), null);
                });
    }

    private static int count(List<Result> results, String status) {
        return (int) IntStream.range(0, results.size())
                .filter(i -> results.get(i).status().equals(status))
                .count();
    }
}
