package dev.fairwise.quality;

import dev.fairwise.api.Problem;
import dev.fairwise.api.QueryParams;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A rater reads every review of their work, with the evidence and each decision's reason and message, and
 * replies. The rater is always the token's subject.
 */
@Path("/api/v1/me/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RATER)
@Tag(name = "Reviews")
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
public class OwnReviewResource {
    private final ReviewService reviews;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    OwnReviewResource(ReviewService reviews, RateLimiter limiter, JsonWebToken token) {
        this.reviews = reviews;
        this.limiter = limiter;
        this.token = token;
    }

    @GET
    @Operation(
            operationId = "listOwnReviews",
            summary = "Reviews of your work in every campaign, newest first: the evidence, every decision with its"
                    + " reason and message, your replies")
    @APIResponse(responseCode = "200", description = "One page of your reviews")
    public Uni<ReviewView.OwnPage> own(
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
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.READ);
        return reviews.own(
                rater, QueryParams.integer("page", page, 0, 100_000), QueryParams.integer("size", size, 1, 200));
    }

    @POST
    @Path("{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replyToReview",
            summary = "Reply to a review of your work, in any state; admins read it with the review")
    @APIResponse(
            responseCode = "201",
            description = "The review, with your reply",
            content = @Content(schema = @Schema(implementation = ReviewView.Own.class)))
    @APIResponse(
            responseCode = "404",
            description = "Not a review of your work (or no such review)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> reply(@PathParam("id") UUID id, @NotNull @Valid ReviewRequests.Reply request) {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.REPLY);
        return reviews.reply(id, rater, request)
                .map(review ->
                        Response.status(Response.Status.CREATED).entity(review).build());
    }
}
