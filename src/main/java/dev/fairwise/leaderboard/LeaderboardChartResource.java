package dev.fairwise.leaderboard;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The leaderboard as an SVG chart, for a page or a report. */
@Path("/api/v1/admin/campaigns/{slug}/leaderboard.svg")
@Produces(LeaderboardSvg.MEDIA_TYPE)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Leaderboard (admin)")
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
@APIResponse(
        responseCode = "409",
        description = "leaderboard-not-identifiable, as for the JSON leaderboard",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LeaderboardChartResource {
    private final LeaderboardService leaderboards;

    LeaderboardChartResource(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    @GET
    @Operation(
            operationId = "getCampaignLeaderboardChart",
            summary = "The leaderboard as an SVG chart: one row per model, best first, its rating on its 95 % interval")
    @APIResponse(
            responseCode = "200",
            description = "The chart, with a title and a description that reads the table out",
            content =
                    @Content(
                            mediaType = LeaderboardSvg.MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.STRING, description = "An SVG document")))
    public Uni<String> get(
            @PathParam("slug") String slug,
            @QueryParam("rounds")
                    @DefaultValue("100")
                    @Parameter(
                            description = "Bootstrap resamples behind the intervals",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "10", maximum = "1000"))
                    String rounds) {
        return leaderboards.board(slug, LeaderboardResource.rounds(rounds)).map(LeaderboardSvg::render);
    }
}
