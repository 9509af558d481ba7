package dev.fairwise.pay;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A rater reads their own pay statement. The rater is always the token's subject. */
@Path("/api/v1/me/statement")
@RolesAllowed(Roles.RATER)
@Tag(name = "Pay")
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
        description = "Not a rater",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "429",
        description = "Too many requests; see Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StatementResource {
    /** Set on CSV statements: {@code true} when the period holds more entries than the rows list. */
    static final String TRUNCATED_HEADER = "Fairwise-Truncated";

    static final String PERIOD_PATTERN = "^[0-9]{4}-(W[0-9]{2}|[0-9]{2})$";
    static final String PERIOD_DESCRIPTION =
            "The pay period: an ISO week such as 2026-W48, or a month such as 2026-11 where pay periods are"
                    + " months (fairwise.fair-work.pay-period). Default (absent or empty): the current period";

    private static final MediaType CSV = MediaType.valueOf(StatementCsv.MEDIA_TYPE);
    private static final List<Variant> VARIANTS =
            Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, CSV).build();

    private final PayService pay;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    StatementResource(PayService pay, RateLimiter limiter, JsonWebToken token) {
        this.pay = pay;
        this.limiter = limiter;
        this.token = token;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, StatementCsv.MEDIA_TYPE})
    @Operation(
            operationId = "getMyStatement",
            summary =
                    "Your pay in a pay period: every entry, per campaign the top-up to the floor and your effective hourly pay (JSON, or CSV with Accept: text/csv)")
    @APIResponse(
            responseCode = "200",
            description = "Your statement",
            headers =
                    @Header(
                            name = TRUNCATED_HEADER,
                            description = "CSV only: true when the period holds more entries than the rows list",
                            schema = @Schema(type = SchemaType.BOOLEAN)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Statement.class)),
                @Content(
                        mediaType = StatementCsv.MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description =
                                                "RFC 4180 with a header row: period, rater, earned_at, campaign, kind,"
                                                        + " paid_ms, amount, currency. One row per entry, then one row"
                                                        + " of kind top_up per campaign that was topped up"))
            })
    public Uni<Response> get(
            @QueryParam("period")
                    @Parameter(
                            description = PERIOD_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING, pattern = PERIOD_PATTERN))
                    String period,
            @Context Request request) {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.READ);
        return pay.statement(rater, period).map(statement -> respond(statement, request));
    }

    /** The statement as the client asked for it: JSON (the default) or CSV. */
    static Response respond(Statement statement, Request request) {
        Variant chosen = request.selectVariant(VARIANTS);
        if (chosen == null || !chosen.getMediaType().isCompatible(CSV)) {
            return Response.ok(statement, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(StatementCsv.render(statement), CSV.withCharset("UTF-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"fairwise-statement-" + statement.period() + ".csv\"")
                .header(TRUNCATED_HEADER, statement.truncated())
                .build();
    }
}
