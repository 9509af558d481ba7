package dev.fairwise.quality;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A rater's own quality figures, by the definitions of the admin report. */
@Path("/api/v1/me/quality")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RATER)
@Tag(name = "Quality")
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
public class OwnQualityResource {
    private final QualityService quality;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    OwnQualityResource(QualityService quality, RateLimiter limiter, JsonWebToken token) {
        this.quality = quality;
        this.limiter = limiter;
        this.token = token;
    }

    @GET
    @Operation(
            operationId = "getOwnQuality",
            summary = "Your quality figures per campaign: agreement with the consensus, position bias, time,"
                    + " skips, gold accuracy; the same definitions admins read")
    @APIResponse(responseCode = "200", description = "Your figures")
    public Uni<QualityViews.Own> get() {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.READ);
        return quality.own(rater);
    }
}
