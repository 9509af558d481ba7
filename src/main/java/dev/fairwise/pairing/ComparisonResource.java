package dev.fairwise.pairing;

import dev.fairwise.api.Problem;
import dev.fairwise.api.QueryParams;
import dev.fairwise.api.Roles;
import dev.fairwise.assignment.AssignmentStore;
import dev.fairwise.campaign.CampaignService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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

/** Lets admins see the comparisons pairing made. */
@Path("/api/v1/admin/campaigns/{slug}/comparisons")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Campaigns (admin)")
public class ComparisonResource {
    private final CampaignService campaigns;
    private final Pool pool;

    ComparisonResource(CampaignService campaigns, Pool pool) {
        this.campaigns = campaigns;
        this.pool = pool;
    }

    @GET
    @Operation(operationId = "listComparisons", summary = "A campaign's comparisons, oldest first")
    @APIResponse(responseCode = "200", description = "One page of comparisons")
    @APIResponse(
            responseCode = "400",
            description = "Invalid paging",
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
    public Uni<ComparisonView.Page> list(
            @PathParam("slug") String slug,
            @QueryParam("page")
                    @DefaultValue("0")
                    @Parameter(
                            description = "Page number, from 0",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "1000000"))
                    String pageParam,
            @QueryParam("size")
                    @DefaultValue("50")
                    @Parameter(
                            description = "Comparisons per page",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    String sizeParam) {
        int page = QueryParams.integer("page", pageParam, 0, 1_000_000);
        int size = QueryParams.integer("size", sizeParam, 1, 500);
        return campaigns
                .idOf(slug)
                .chain(campaignId -> AssignmentStore.list(pool, campaignId, size, (long) page * size))
                .map(found -> new ComparisonView.Page(
                        found.items().stream().map(ComparisonResource::view).toList(), page, size, found.total()));
    }

    private static ComparisonView view(AssignmentStore.Listed c) {
        return new ComparisonView(
                c.id(),
                c.promptKey(),
                new ComparisonView.Side(c.loKey(), c.loModel()),
                new ComparisonView.Side(c.hiKey(), c.hiModel()),
                c.state(),
                c.judgments(),
                c.createdAt());
    }
}
