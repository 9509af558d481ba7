package dev.fairwise.pay;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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

/** Admins read what a campaign paid each rater. */
@Path("/api/v1/admin/campaigns/{slug}/pay")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Pay (admin)")
public class CampaignPayResource {
    private final PayService pay;

    CampaignPayResource(PayService pay) {
        this.pay = pay;
    }

    @GET
    @Operation(
            operationId = "getCampaignPay",
            summary =
                    "Per rater (by the campaign's pseudonyms): judgments, skips, expired leases, paid time, earnings, top-ups and effective hourly pay, with the campaign's totals")
    @APIResponse(
            responseCode = "200",
            description = "The campaign's pay report",
            content = @Content(schema = @Schema(implementation = CampaignPayReport.class)))
    @APIResponse(
            responseCode = "400",
            description = "The period is not one (the problem names the field period)",
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
    public Uni<CampaignPayReport> get(
            @PathParam("slug") String slug,
            @QueryParam("period")
                    @Parameter(
                            description = StatementResource.PERIOD_DESCRIPTION
                                    + "; all: the campaign's whole life (top-ups still reckoned per period)",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            pattern = "^(all|[0-9]{4}-(W[0-9]{2}|[0-9]{2}))$"))
                    String period) {
        return pay.campaignPay(slug, period);
    }
}
