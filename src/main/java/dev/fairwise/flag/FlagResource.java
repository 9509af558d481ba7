package dev.fairwise.flag;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

/** Raters flag the items they were given. The rater is always the token's subject. */
@Path("/api/v1/assignments/{id}/flags")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RATER)
@Tag(name = "Voice")
@APIResponse(
        responseCode = "400",
        description = "Invalid request",
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
public class FlagResource {
    private final FlagService flags;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    FlagResource(FlagService flags, RateLimiter limiter, JsonWebToken token) {
        this.flags = flags;
        this.limiter = limiter;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "raiseFlag",
            summary =
                    "Flag an item you were given, live or ended: never ends the lease or counts against you (on a live lease it counts as activity)")
    @APIResponse(
            responseCode = "201",
            description = "The flag",
            content = @Content(schema = @Schema(implementation = FlagView.Own.class)))
    @APIResponse(
            responseCode = "404",
            description = "Not your assignment (or no such assignment)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> raise(@PathParam("id") UUID id, @NotNull @Valid FlagRequests.Raise request) {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.FLAG);
        return flags.raise(id, rater, request)
                .map(flag ->
                        Response.status(Response.Status.CREATED).entity(flag).build());
    }
}
