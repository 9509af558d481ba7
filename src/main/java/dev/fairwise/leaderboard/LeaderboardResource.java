package dev.fairwise.leaderboard;

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

/** A campaign's model leaderboard for admins: Bradley–Terry ratings with bootstrap intervals. */
@Path("/api/v1/admin/campaigns/{slug}/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
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
        description = "leaderboard-not-identifiable: some model has no win or no loss against the rest (ties count"
                + " as both), so its rating is not finite; figures name the models and the groups they fall into",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LeaderboardResource {
    private final LeaderboardService leaderboards;

    LeaderboardResource(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    @GET
    @Operation(
            operationId = "getCampaignLeaderboard",
            summary = "Per model of the campaign's battles (judgments between two models' completions, gold items and"
                    + " same-model pairs left out): Bradley–Terry rating (scale 400, mean 1000) with a bootstrap 95 %"
                    + " interval, rank, battles and win rate; and the win share of every pair of models that met")
    @APIResponse(
            responseCode = "200",
            description = "The leaderboard, computed now; empty (with a note) while there are no battles")
    public Uni<LeaderboardViews.Board> get(
            @PathParam("slug") String slug,
            @QueryParam("rounds")
                    @DefaultValue("100")
                    @Parameter(
                            description = "Bootstrap resamples behind the intervals",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "10", maximum = "1000"))
                    String rounds) {
        return leaderboards.board(slug, rounds(rounds));
    }

    static int rounds(String rounds) {
        return QueryParams.integer("rounds", rounds, Leaderboard.MIN_ROUNDS, Leaderboard.MAX_ROUNDS);
    }
}
