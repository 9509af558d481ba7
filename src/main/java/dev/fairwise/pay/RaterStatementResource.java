package dev.fairwise.pay;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins read a rater's statement, naming the rater by global pseudonym (never by login). */
@Path("/api/v1/admin/raters/{pseudonym}/statement")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Pay (admin)")
@APIResponse(
        responseCode = "400",
        description = "The period is not one (the problem names the field period)",
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
        responseCode = "404",
        description = "No rater has this pseudonym",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RaterStatementResource {
    private final PayService pay;

    RaterStatementResource(PayService pay) {
        this.pay = pay;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, StatementCsv.MEDIA_TYPE})
    @Operation(
            operationId = "getRaterStatement",
            summary =
                    "A rater's pay in a pay period, by global pseudonym: the statement the rater reads (JSON, or CSV with Accept: text/csv)")
    @APIResponse(
            responseCode = "200",
            description = "The rater's statement",
            headers =
                    @Header(
                            name = StatementResource.TRUNCATED_HEADER,
                            description = "CSV only: true when the period holds more entries than the rows list",
                            schema = @Schema(type = SchemaType.BOOLEAN)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Statement.class)),
                @Content(
                        mediaType = StatementCsv.MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "RFC 4180 with a header row, as getMyStatement answers it"))
            })
    public Uni<Response> get(
            @PathParam("pseudonym") @Parameter(description = "The rater's global pseudonym, e.g. r-3f9a…")
                    String pseudonym,
            @QueryParam("period")
                    @Parameter(
                            description = StatementResource.PERIOD_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING, pattern = StatementResource.PERIOD_PATTERN))
                    String period,
            @Context Request request) {
        return pay.statementOf(pseudonym, period).map(statement -> StatementResource.respond(statement, request));
    }
}
