package dev.fairwise.pairing;

import dev.fairwise.api.ApiException;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

/** Lets admins see the comparisons pairing made. */
@Path("/api/v1/admin/campaigns/{slug}/comparisons")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Campaigns (admin)")
public class ComparisonResource {
    private final Mutiny.SessionFactory sessions;

    ComparisonResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
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
        return sessions.withSession(session -> session.createNativeQuery(
                        "select id from campaign where slug = :slug", Long.class)
                .setParameter("slug", slug)
                .getSingleResultOrNull()
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("no campaign '" + slug + "'"))
                .chain(campaignId -> session.createNativeQuery(
                                "select m.id, p.prompt_key, a.completion_key, a.model, b.completion_key, b.model,"
                                        + " m.state, m.judgments, m.created_at"
                                        + " from comparison m join prompt p on p.id = m.prompt_id"
                                        + " join completion a on a.id = m.completion_lo"
                                        + " join completion b on b.id = m.completion_hi"
                                        + " where m.campaign_id = :campaign order by m.created_at, m.id"
                                        + " limit :limit offset :offset",
                                Object[].class)
                        .setParameter("campaign", campaignId)
                        .setParameter("limit", size)
                        .setParameter("offset", (long) page * size)
                        .getResultList()
                        .chain(rows -> session.createNativeQuery(
                                        "select count(*) from comparison where campaign_id = :campaign", Long.class)
                                .setParameter("campaign", campaignId)
                                .getSingleResult()
                                .map(total -> new ComparisonView.Page(
                                        rows.stream()
                                                .map(ComparisonResource::view)
                                                .toList(),
                                        page,
                                        size,
                                        total)))));
    }

    private static ComparisonView view(Object[] r) {
        return new ComparisonView(
                (UUID) r[0],
                (String) r[1],
                new ComparisonView.Side((String) r[2], (String) r[3]),
                new ComparisonView.Side((String) r[4], (String) r[5]),
                (String) r[6],
                ((Number) r[7]).intValue(),
                instant(r[8]));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) value;
    }
}
