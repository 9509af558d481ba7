package dev.fairwise.quality;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A campaign's quality report for admins: agreement, per-rater figures, and the reviews it raised. */
@Path("/api/v1/admin/campaigns/{slug}/quality")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Quality (admin)")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "Not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class QualityResource {
    private final QualityService quality;

    QualityResource(QualityService quality) {
        this.quality = quality;
    }

    @GET
    @Operation(
            operationId = "getCampaignQuality",
            summary = "Agreement per question with bootstrap intervals, and one row per rater by pseudonym;"
                    + " raters whose figures cross a threshold get a review (nothing happens to them until an"
                    + " admin decides)")
    @APIResponse(responseCode = "200", description = "The report, computed now")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<QualityViews.CampaignQuality> get(@PathParam("slug") String slug) {
        return quality.campaign(slug);
    }
}
