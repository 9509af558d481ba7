package dev.fairwise.fairwork;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A rater's own figures and settings: {@code /api/v1/me}. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RATER)
@Tag(name = "Fair work")
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
public class MeResource {
    private final MeService me;
    private final MeService.PeriodPay periodPay;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    MeResource(MeService me, MeService.PeriodPay periodPay, RateLimiter limiter, JsonWebToken token) {
        this.me = me;
        this.periodPay = periodPay;
        this.limiter = limiter;
        this.token = token;
    }

    private String rater() {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.READ);
        return rater;
    }

    @GET
    @Operation(
            operationId = "getMe",
            summary = "Your figures today and this pay period: time, judgments, skips, pay, exposure, breaks")
    @APIResponse(responseCode = "200", description = "Your figures")
    public Uni<MeViews.Me> get() {
        return me.me(rater(), periodPay);
    }

    @GET
    @Path("preferences")
    @Operation(operationId = "getPreferences", summary = "Your sensitive-content consent, time zone and credit")
    @APIResponse(responseCode = "200", description = "Your settings")
    public Uni<MeViews.Preferences> preferences() {
        return me.preferences(rater());
    }

    @PUT
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updatePreferences",
            summary = "Opt in to sensitive categories (default: none), set your time zone, opt in to credit")
    @APIResponse(responseCode = "200", description = "Your settings")
    @APIResponse(
            responseCode = "400",
            description = "Not a sensitive category, not a time zone, or a bad display name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MeViews.Preferences> update(@NotNull @Valid MeViews.Update update) {
        return me.update(rater(), update);
    }
}
