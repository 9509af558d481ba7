package dev.fairwise.assignment;

import dev.fairwise.api.Problem;
import dev.fairwise.api.ProblemType;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimitedException;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Raters lease the next comparison of a campaign. The rater is always the token's subject. */
@Path("/api/v1/campaigns/{slug}/assignments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RATER)
@Tag(name = "Rating")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "Not a rater, or (rater-paused) an admin paused your work in this campaign after a review",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "404",
        description = "No such campaign",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LeaseResource {
    private final AssignmentService assignments;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    LeaseResource(AssignmentService assignments, RateLimiter limiter, JsonWebToken token) {
        this.assignments = assignments;
        this.limiter = limiter;
        this.token = token;
    }

    @POST
    @Operation(operationId = "leaseAssignment", summary = "Lease the next comparison of a campaign")
    @APIResponse(
            responseCode = "201",
            description = "A new lease",
            content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Your live lease in this campaign",
            content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "204", description = "Nothing left for you in this campaign")
    @APIResponse(
            responseCode = "409",
            description = "The campaign is not active",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "Too many requests, or time for a break (break-required); see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> lease(@PathParam("slug") String slug) {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.LEASE);
        return assignments.lease(slug, rater).map(lease -> {
            if (lease == null) {
                return Response.noContent().build();
            }
            if (lease.breakFor() != null) {
                throw new RateLimitedException(
                        ProblemType.BREAK_REQUIRED,
                        "you have worked for a long stretch without a pause: take a break of "
                                + Math.max(1, (lease.breakFor().toSeconds() + 59) / 60)
                                + " min before your next item (hourly campaigns pay it)",
                        lease.breakFor());
            }
            return Response.status(lease.created() ? 201 : 200)
                    .entity(lease.assignment())
                    .build();
        });
    }
}
