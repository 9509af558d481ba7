package dev.fairwise.campaign;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaign administration. */
@Path("/api/v1/admin/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Campaigns (admin)")
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
public class CampaignResource {
    private final CampaignService campaigns;

    CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCampaign", summary = "Create a campaign (as a draft)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(
            responseCode = "409",
            description = "The slug is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@NotNull @Valid CampaignRequests.Create request, UriInfo uri) {
        return campaigns
                .create(request)
                .map(view -> Response.created(
                                uri.getAbsolutePathBuilder().path(view.slug()).build())
                        .entity(view)
                        .build());
    }

    @GET
    @Operation(operationId = "listCampaigns", summary = "List campaigns, newest first")
    @APIResponse(
            responseCode = "200",
            description = "One page of campaigns",
            content = @Content(schema = @Schema(implementation = CampaignView.Page.class)))
    public Uni<CampaignView.Page> list(
            @QueryParam("page")
                    @DefaultValue("0")
                    @Parameter(
                            description = "Page number, from 0",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000"))
                    String page,
            @QueryParam("size")
                    @DefaultValue("20")
                    @Parameter(
                            description = "Campaigns per page",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
                    String size,
            @QueryParam("state") @Schema(enumeration = {"draft", "active", "paused", "closed"}) String state) {
        return campaigns.list(
                QueryParams.integer("page", page, 0, 100_000),
                QueryParams.integer("size", size, 1, 200),
                state == null ? null : CampaignState.parse("state", state));
    }

    @GET
    @Path("{slug}")
    @Operation(operationId = "getCampaign", summary = "Read a campaign")
    @APIResponse(responseCode = "200", description = "The campaign")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> get(@PathParam("slug") String slug) {
        return campaigns.get(slug);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{slug}")
    @Operation(
            operationId = "updateCampaign",
            summary = "Change a campaign; new instructions make a new guideline version")
    @APIResponse(responseCode = "200", description = "The changed campaign")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description =
                    "The campaign is closed, a rule would change after draft (campaign-locked), or another request changed it at the same time (concurrent-edit)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> update(@PathParam("slug") String slug, @NotNull @Valid CampaignRequests.Update request) {
        return campaigns.update(slug, request);
    }

    @POST
    @Path("{slug}/activate")
    @Operation(operationId = "activateCampaign", summary = "Open a draft campaign for ingest and rating")
    @APIResponse(responseCode = "200", description = "The campaign, now active")
    @APIResponse(
            responseCode = "409",
            description = "Not a draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> activate(@PathParam("slug") String slug) {
        return campaigns.moveTo(slug, Campaign.Transition.ACTIVATE);
    }

    @POST
    @Path("{slug}/pause")
    @Operation(operationId = "pauseCampaign", summary = "Stop leasing work; ingest goes on")
    @APIResponse(responseCode = "200", description = "The campaign, now paused")
    @APIResponse(
            responseCode = "409",
            description = "Not active",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> pause(@PathParam("slug") String slug) {
        return campaigns.moveTo(slug, Campaign.Transition.PAUSE);
    }

    @POST
    @Path("{slug}/resume")
    @Operation(operationId = "resumeCampaign", summary = "Lease work again after a pause")
    @APIResponse(responseCode = "200", description = "The campaign, active again")
    @APIResponse(
            responseCode = "409",
            description = "Not paused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> resume(@PathParam("slug") String slug) {
        return campaigns.moveTo(slug, Campaign.Transition.RESUME);
    }

    @POST
    @Path("{slug}/close")
    @Operation(operationId = "closeCampaign", summary = "Close a campaign for good")
    @APIResponse(responseCode = "200", description = "The campaign, now closed")
    @APIResponse(
            responseCode = "409",
            description = "Already closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView> close(@PathParam("slug") String slug) {
        return campaigns.moveTo(slug, Campaign.Transition.CLOSE);
    }

    @GET
    @Path("{slug}/guidelines")
    @Operation(operationId = "listGuidelines", summary = "Every version of the campaign's instructions")
    @APIResponse(responseCode = "200", description = "Versions, oldest first")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<CampaignView.Guideline>> guidelines(@PathParam("slug") String slug) {
        return campaigns.guidelines(slug);
    }

    @GET
    @Path("{slug}/guidelines/{version}")
    @Operation(operationId = "getGuideline", summary = "One version of the campaign's instructions")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign or version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView.Guideline> guideline(@PathParam("slug") String slug, @PathParam("version") int version) {
        return campaigns.guideline(slug, version);
    }

    @GET
    @Path("{slug}/progress")
    @Operation(
            operationId = "getCampaignProgress",
            summary = "Completions, prompts, comparisons by state, judgments received against wanted")
    @APIResponse(responseCode = "200", description = "Progress")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CampaignView.Progress> progress(@PathParam("slug") String slug) {
        return campaigns.progress(slug);
    }
}
