package dev.fairwise.campaign;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The campaigns a rater can work on. */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
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
public class RaterCampaignResource {
    private final CampaignService campaigns;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    RaterCampaignResource(CampaignService campaigns, RateLimiter limiter, JsonWebToken token) {
        this.campaigns = campaigns;
        this.limiter = limiter;
        this.token = token;
    }

    @GET
    @RolesAllowed(Roles.RATER)
    @Operation(
            operationId = "listOpenCampaigns",
            summary = "Active campaigns, with their current instructions and the work left")
    @APIResponse(responseCode = "200", description = "Active campaigns, oldest first")
    public Uni<List<CampaignView.ForRater>> list() {
        limiter.acquire(token.getSubject(), RateLimiter.Action.READ);
        return campaigns.openForRaters(token.getSubject());
    }

    @GET
    @Path("{slug}/guideline")
    @RolesAllowed(Roles.RATER)
    @Operation(
            operationId = "readGuideline",
            summary = "Read a campaign's current instructions; the time until you acknowledge them is paid (capped)")
    @APIResponse(responseCode = "200", description = "The current instructions and what changed")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign open to raters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView.RaterGuideline> guideline(@PathParam("slug") String slug) {
        limiter.acquire(token.getSubject(), RateLimiter.Action.READ);
        return campaigns.openGuideline(slug, token.getSubject());
    }

    @POST
    @Path("{slug}/guideline/acknowledge")
    @RolesAllowed(Roles.RATER)
    @Operation(
            operationId = "acknowledgeGuideline",
            summary = "Acknowledge a campaign's current instructions (leasing your first item under them does too)")
    @APIResponse(responseCode = "200", description = "The instructions, with the reading time paid")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign open to raters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView.RaterGuideline> acknowledge(@PathParam("slug") String slug) {
        limiter.acquire(token.getSubject(), RateLimiter.Action.READ);
        return campaigns.acknowledgeGuideline(slug, token.getSubject());
    }
}
