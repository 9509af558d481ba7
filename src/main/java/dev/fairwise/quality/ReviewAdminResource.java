package dev.fairwise.quality;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
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

/**
 * Admins read one review, decide it with a reason, and reverse a decision with a reason. Each step is kept
 * with the admin's subject; the rater reads it as {@code admin}.
 */
@Path("/api/v1/admin/reviews/{id}")
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
@APIResponse(
        responseCode = "404",
        description = "No such review",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReviewAdminResource {
    private final ReviewService reviews;
    private final JsonWebToken token;

    ReviewAdminResource(ReviewService reviews, JsonWebToken token) {
        this.reviews = reviews;
        this.token = token;
    }

    @GET
    @Operation(operationId = "getReview", summary = "One review with its evidence and every step")
    @APIResponse(responseCode = "200", description = "The review")
    public Uni<ReviewView.Admin> get(@PathParam("id") UUID id) {
        return reviews.one(id);
    }

    @POST
    @Path("decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "decideReview",
            summary = "Decide an open review, always with a reason: no_action, message (guidance the rater reads) or"
                    + " pause (the rater may not lease in this campaign; earned pay is unchanged)")
    @APIResponse(responseCode = "200", description = "The review, decided")
    @APIResponse(
            responseCode = "409",
            description = "The review is not open: it was decided already (review-decided)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReviewView.Admin> decide(@PathParam("id") UUID id, @NotNull @Valid ReviewRequests.Decide request) {
        return reviews.decide(id, token.getSubject(), request);
    }

    @POST
    @Path("reversal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "reverseReview",
            summary = "Reverse a decided review, with a reason; a pause it put on the rater is lifted")
    @APIResponse(responseCode = "200", description = "The review, reversed")
    @APIResponse(
            responseCode = "409",
            description = "The review is not decided: still open, or reversed already (review-decided)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReviewView.Admin> reverse(@PathParam("id") UUID id, @NotNull @Valid ReviewRequests.Reverse request) {
        return reviews.reverse(id, token.getSubject(), request);
    }
}
