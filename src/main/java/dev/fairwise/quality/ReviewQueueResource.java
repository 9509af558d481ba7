package dev.fairwise.quality;

import dev.fairwise.api.Problem;
import dev.fairwise.api.QueryParams;
import dev.fairwise.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins read the reviews raised on a campaign's raters. Raters appear by pseudonym only. */
@Path("/api/v1/admin/campaigns/{slug}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Reviews (admin)")
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
        description = "Not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReviewQueueResource {
    private final ReviewService reviews;

    ReviewQueueResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GET
    @Operation(
            operationId = "listCampaignReviews",
            summary =
                    "The campaign's reviews, newest first, with their evidence and every step; raters appear by pseudonym")
    @APIResponse(responseCode = "200", description = "One page of the campaign's reviews")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReviewView.AdminPage> list(
            @PathParam("slug") String slug,
            @QueryParam("state")
                    @DefaultValue("all")
                    @Parameter(description = "open: not decided yet; decided; reversed; or all")
                    @Schema(enumeration = {"open", "decided", "reversed", "all"})
                    String state,
            @QueryParam("page")
                    @DefaultValue("0")
                    @Parameter(
                            description = "Page number, from 0",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000"))
                    String page,
            @QueryParam("size")
                    @DefaultValue("50")
                    @Parameter(
                            description = "Reviews per page",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
                    String size) {
        return reviews.inCampaign(
                slug, state, QueryParams.integer("page", page, 0, 100_000), QueryParams.integer("size", size, 1, 200));
    }
}
