package dev.fairwise.pay;

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

/** Admins read how a campaign treated its raters, to keep or to hand to a client or an auditor. */
@Path("/api/v1/admin/campaigns/{slug}/transparency")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Pay (admin)")
public class TransparencyResource {
    private static final MediaType MARKDOWN = MediaType.valueOf(TransparencyMarkdown.MEDIA_TYPE);
    private static final List<Variant> VARIANTS =
            Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MARKDOWN).build();

    private final PayService pay;

    TransparencyResource(PayService pay) {
        this.pay = pay;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, TransparencyMarkdown.MEDIA_TYPE})
    @Operation(
            operationId = "getTransparencyReport",
            summary =
                    "The campaign's pay terms, effective hourly pay against the floor, top-ups, exposure to sensitive content, skips and flags (JSON, or Markdown with Accept: text/markdown)")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = TransparencyReport.class)),
                @Content(
                        mediaType = TransparencyMarkdown.MEDIA_TYPE,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "The same figures as a Markdown document (CommonMark tables)"))
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
        return pay.transparency(slug).map(report -> {
            Variant chosen = request.selectVariant(VARIANTS);
            if (chosen != null && chosen.getMediaType().isCompatible(MARKDOWN)) {
                return Response.ok(TransparencyMarkdown.render(report), MARKDOWN.withCharset("UTF-8"))
                        .build();
            }
            return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }
}
