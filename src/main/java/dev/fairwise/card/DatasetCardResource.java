package dev.fairwise.card;

import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins read a campaign's dataset card, to publish with its data. */
@Path("/api/v1/admin/campaigns/{slug}/dataset-card")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Campaigns (admin)")
public class DatasetCardResource {
    private static final MediaType MARKDOWN = MediaType.valueOf(DatasetCardMarkdown.MEDIA_TYPE);
    private static final List<Variant> VARIANTS =
            Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MARKDOWN).build();

    private final DatasetCardService cards;

    DatasetCardResource(DatasetCardService cards) {
        this.cards = cards;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, DatasetCardMarkdown.MEDIA_TYPE})
    @Operation(
            operationId = "getDatasetCard",
            summary =
                    "The campaign's dataset card: the data and its counts, the judgment scale, guideline version, pay and floor, pseudonyms, and the contributors who opted in to credit (JSON, or Markdown with Accept: text/markdown)")
    @APIResponse(
            responseCode = "200",
            description = "The card",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetCard.class)),
                @Content(
                        mediaType = DatasetCardMarkdown.MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description =
                                                "The same card as a Markdown document with YAML metadata, in the manner of a Hugging Face dataset card"))
            })
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
    public Uni<Response> get(@PathParam("slug") String slug, @Context Request request) {
        return cards.card(slug).map(card -> {
            Variant chosen = request.selectVariant(VARIANTS);
            if (chosen != null && chosen.getMediaType().isCompatible(MARKDOWN)) {
                return Response.ok(DatasetCardMarkdown.render(card), MARKDOWN.withCharset("UTF-8"))
                        .build();
            }
            return Response.ok(card, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }
}
