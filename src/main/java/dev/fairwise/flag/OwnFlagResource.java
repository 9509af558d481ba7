package dev.fairwise.flag;

import dev.fairwise.api.Problem;
import dev.fairwise.api.QueryParams;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A rater's own flags and the answers they got. The rater is always the token's subject. */
@Path("/api/v1/me/flags")
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
public class OwnFlagResource {
    private final FlagService flags;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    OwnFlagResource(FlagService flags, RateLimiter limiter, JsonWebToken token) {
        this.flags = flags;
        this.limiter = limiter;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listOwnFlags", summary = "Your flags, newest first, with the answers you got")
    @APIResponse(responseCode = "200", description = "One page of your flags")
    public Uni<FlagView.OwnPage> own(
            @QueryParam("page")
                    @DefaultValue("0")
                    @Parameter(
                            description = "Page number, from 0",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000"))
                    String page,
            @QueryParam("size")
                    @DefaultValue("50")
                    @Parameter(
                            description = "Flags per page",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
                    String size) {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.READ);
        return flags.own(
                rater, QueryParams.integer("page", page, 0, 100_000), QueryParams.integer("size", size, 1, 200));
    }
}
