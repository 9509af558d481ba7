package dev.fairwise.outbox;

import dev.fairwise.api.Problem;
import dev.fairwise.api.QueryParams;
import dev.fairwise.api.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Lets admins see the outbox rows the broker refused too often (state {@code failed}) and send them again,
 * once the cause is fixed (say, the topic's {@code max.message.bytes} raised).
 */
@Path("/api/v1/admin/outbox/failed")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Outbox (admin)")
public class OutboxAdminResource {
    private final Pool pool;
    private final OutboxMetrics metrics;
    private final Clock clock;

    OutboxAdminResource(Pool pool, OutboxMetrics metrics, Clock clock) {
        this.pool = pool;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A row the broker refused.
     *
     * @param id the outbox row
     * @param eventId the judgment id the record carries
     * @param topic where it was to go
     * @param attempts sends so far
     * @param createdAt when the judgment committed
     * @param payloadBytes the record value's size in bytes
     * @param lastError the broker's last answer
     */
    public record FailedRow(
            long id,
            UUID eventId,
            String topic,
            int attempts,
            Instant createdAt,
            long payloadBytes,
            String lastError) {}

    /**
     * Failed rows, oldest first.
     *
     * @param items up to {@code limit} rows
     * @param total all failed rows
     */
    @Schema(name = "FailedOutboxRows")
    public record FailedRows(List<FailedRow> items, long total) {}

    /**
     * What a retry did.
     *
     * @param retried rows set back to pending
     */
    public record Retried(long retried) {}

    @GET
    @Operation(operationId = "listFailedOutboxRows", summary = "Outbox rows the broker refused, oldest first")
    @APIResponse(responseCode = "200", description = "Failed rows")
    @APIResponse(
            responseCode = "400",
            description = "Invalid limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FailedRows> list(
            @QueryParam("limit")
                    @DefaultValue("100")
                    @Parameter(
                            description = "Most rows answered",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    String limitParam) {
        int limit = QueryParams.integer("limit", limitParam, 1, 1000);
        return OutboxStore.failed(pool, limit);
    }

    @POST
    @Path("/retry")
    @Operation(
            operationId = "retryFailedOutboxRows",
            summary = "Sets every failed row back to pending; each gets fairwise.outbox.max-attempts sends again")
    @APIResponse(responseCode = "200", description = "How many rows are pending again")
    @APIResponse(
            responseCode = "401",
            description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Retried> retry() {
        return OutboxStore.retryFailed(pool, clock.instant())
                .call(metrics::refresh)
                .map(count -> new Retried(count));
    }
}
