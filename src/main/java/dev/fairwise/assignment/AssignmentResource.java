package dev.fairwise.assignment;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Raters read, renew and skip their own assignments. The rater is always the token's subject. */
@Path("/api/v1/assignments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RATER)
@Tag(name = "Rating")
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
@APIResponse(
        responseCode = "404",
        description = "Not your assignment (or no such assignment)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AssignmentResource {
    private final AssignmentService assignments;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    AssignmentResource(AssignmentService assignments, RateLimiter limiter, JsonWebToken token) {
        this.assignments = assignments;
        this.limiter = limiter;
        this.token = token;
    }

    /** The caller, after taking a token of {@code action} from their rate limit. */
    private String rater(RateLimiter.Action action) {
        String rater = token.getSubject();
        limiter.acquire(rater, action);
        return rater;
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getAssignment",
            summary = "Read one of your assignments (reading a live lease counts as activity)")
    @APIResponse(responseCode = "200", description = "The assignment")
    public Uni<AssignmentView> get(@PathParam("id") UUID id) {
        return assignments.get(id, rater(RateLimiter.Action.READ));
    }

    @POST
    @Path("{id}/renew")
    @Operation(
            operationId = "renewAssignment",
            summary =
                    "Extend your live lease (also a sign of activity for time tracking, even when the lease cannot be extended)")
    @APIResponse(responseCode = "200", description = "The assignment with its new deadline")
    @APIResponse(
            responseCode = "409",
            description =
                    "The lease expired, ended, cannot be extended further (the activity still counts), or its campaign is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> renew(@PathParam("id") UUID id) {
        return assignments.renew(id, rater(RateLimiter.Action.RENEW));
    }

    @POST
    @Path("{id}/heartbeat")
    @Operation(
            operationId = "heartbeatAssignment",
            summary = "Say you are still working on your live lease: counts as activity, does not extend it")
    @APIResponse(responseCode = "200", description = "The assignment")
    @APIResponse(
            responseCode = "409",
            description = "The lease expired or ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> heartbeat(@PathParam("id") UUID id) {
        return assignments.heartbeat(id, rater(RateLimiter.Action.HEARTBEAT));
    }

    @POST
    @Path("{id}/reveal")
    @Operation(
            operationId = "revealAssignment",
            summary = "Show the texts of your live lease that carries a content warning (a sign of activity; counts"
                    + " toward your daily exposure)")
    @APIResponse(responseCode = "200", description = "The assignment with its texts")
    @APIResponse(
            responseCode = "409",
            description = "The lease expired or ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> reveal(@PathParam("id") UUID id) {
        return assignments.reveal(id, rater(RateLimiter.Action.HEARTBEAT));
    }

    @POST
    @Path("{id}/skip")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "skipAssignment",
            summary = "Give an assignment back, with a reason; never counts against you")
    @APIResponse(responseCode = "200", description = "The assignment, now skipped")
    @APIResponse(
            responseCode = "400",
            description = "Invalid reason or note",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The lease expired or ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> skip(@PathParam("id") UUID id, @NotNull @Valid SkipRequest request) {
        return assignments.skip(id, rater(RateLimiter.Action.SKIP), request);
    }
}
