package dev.fairwise.quality;

import dev.fairwise.api.Problem;
import dev.fairwise.api.QueryParams;
import dev.fairwise.api.Roles;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins add gold items (known verdicts) to a campaign and see how raters do on them. */
@Path("/api/v1/admin/campaigns/{slug}/gold")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Quality (admin)")
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
        description = "No such campaign",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class GoldResource {
    private final GoldService gold;
    private final JsonWebToken token;

    GoldResource(GoldService gold, JsonWebToken token) {
        this.gold = gold;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "addGoldItem",
            summary = "Add a gold item: a comparison with a known verdict, leased to raters like any other item")
    @APIResponse(
            responseCode = "201",
            description = "The gold item",
            content = @Content(schema = @Schema(implementation = GoldView.class)))
    @APIResponse(
            responseCode = "409",
            description = "The campaign is closed (campaign-not-active)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> add(@PathParam("slug") String slug, @NotNull @Valid GoldRequests.NewGold request) {
        return gold.add(slug, request, token.getSubject())
                .map(view ->
                        Response.status(Response.Status.CREATED).entity(view).build());
    }

    @GET
    @Operation(operationId = "listGoldItems", summary = "The campaign's gold items, oldest first")
    @APIResponse(responseCode = "200", description = "One page of gold items")
    public Uni<GoldView.Page> list(
            @PathParam("slug") String slug,
            @QueryParam("page")
                    @DefaultValue("0")
                    @Parameter(
                            description = "Page number, from 0",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000"))
                    String page,
            @QueryParam("size")
                    @DefaultValue("50")
                    @Parameter(
                            description = "Gold items per page",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
                    String size) {
        return gold.list(
                slug, QueryParams.integer("page", page, 0, 100_000), QueryParams.integer("size", size, 1, 200));
    }
}
