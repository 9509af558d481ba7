package dev.fairwise.judgment;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Raters submit the judgment of their assignment. */
@Path("/api/v1/assignments/{id}/judgment")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rating")
public class JudgmentResource {
    private final JudgmentService judgments;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    JudgmentResource(JudgmentService judgments, RateLimiter limiter, JsonWebToken token) {
        this.judgments = judgments;
        this.limiter = limiter;
        this.token = token;
    }

    @POST
    @RolesAllowed(Roles.RATER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "submitJudgment",
            summary = "Judge your live assignment; repeating the same request answers the first result")
    @APIResponse(
            responseCode = "201",
            description = "Accepted and committed",
            content = @Content(schema = @Schema(implementation = JudgmentView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid judgment for this campaign",
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
            responseCode = "404",
            description = "Not your assignment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description =
                    "The lease expired, the assignment ended, it was judged differently, or its campaign is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "Too many requests; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submit(
            @PathParam("id") UUID id,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid JudgmentRequest request) {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.SUBMIT);
        return judgments.submit(id, rater, request, idempotencyKey).map(submitted -> {
            Response.ResponseBuilder response =
                    Response.status(201).entity(submitted.body()).type(MediaType.APPLICATION_JSON);
            if (submitted.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }
}
