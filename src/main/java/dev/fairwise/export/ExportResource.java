package dev.fairwise.export;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins export a campaign's judgments as JSON Lines, for training and for publishing. */
@Path("/api/v1/admin/campaigns/{slug}/export")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Exports (admin)")
public class ExportResource {
    private final ExportService exports;

    ExportResource(ExportService exports) {
        this.exports = exports;
    }

    @GET
    @Blocking
    @Produces(ExportService.MEDIA_TYPE)
    @Operation(
            operationId = "exportCampaign",
            summary = "The campaign's judgments as JSON Lines, streamed in the order they were made",
            description = """
                    One JSON object per line, one line per judgment, oldest first; streamed a page at a time, \
                    so an export of any size takes the same memory. Raters appear only as the campaign's \
                    pseudonyms. Formats (each has a JSON Schema under openapi/schemas/):

                    - `fairwise` (default): the preference record exactly as on the fairwise.preferences.v1 \
                    topic (preference.v1.json).
                    - `trl`: TRL's conversational preference format with an explicit prompt: `prompt`, \
                    `chosen`, `rejected` and, when the rater gave a strength, `margin` (0 for negligible to \
                    3 for strong) (export-trl.v1.json). Decisive judgments only: ties and both_bad are left out.
                    - `hh`: Anthropic HH-RLHF: `chosen` and `rejected` as single strings, each turn as \
                    "\\n\\nHuman: " or "\\n\\nAssistant: " and its text; system messages are left out, as HH \
                    has no place for them (export-hh.v1.json). HH cannot express a tie: ties and both_bad \
                    are left out.
                    - `arena`: Chatbot Arena battles as FastChat's clean_battle_data.py writes them: \
                    `model_a`/`model_b` in the comparison's stored order, `winner` (model_a, model_b, tie, \
                    "tie (bothbad)"), `conversation_a`/`conversation_b`, `turn`, `anony`, `tstamp`, `judge` \
                    (the rater's pseudonym) and `question_id` (the prompt's id) (export-arena.v1.json).

                    Lines are written as they are read, so the status (200) is sent before the last line is \
                    read: a failure part way cuts the transfer off. The dataset card says how many lines each \
                    format's default export (gold items left out) holds.

                    Filters combine: `since`, `consensus_only`, `exclude_gold` (true by default) and \
                    `criterion`.""")
    @APIResponse(
            responseCode = "200",
            description = "The export: JSON Lines, one JSON object per line in the chosen format (its JSON Schema is"
                    + " under openapi/schemas/); empty when no judgment matches",
            content = @Content(mediaType = ExportService.MEDIA_TYPE))
    @APIResponse(
            responseCode = "400",
            description = "An unknown format, a parameter that cannot be read, or a criterion the campaign does not"
                    + " have",
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
    public Response export(
            @PathParam("slug") String slug,
            @Parameter(
                            description = "fairwise (default), trl, hh or arena",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"fairwise", "trl", "hh", "arena"},
                                            defaultValue = "fairwise"))
                    @QueryParam("format")
                    String format,
            @Parameter(
                            description = "Only judgments made at or after this instant (ISO-8601 with an offset,"
                                    + " e.g. 2026-11-01T00:00:00Z)",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("since")
                    String since,
            @Parameter(
                            description = "true: only judgments that agree with their comparison's decisive consensus:"
                                    + " the consensus is not split (one verdict has more votes than every other)"
                                    + " and its verdict is a or b (on the criterion, when one is named), and the"
                                    + " judgment's verdict is the same. Judgments of comparisons without a"
                                    + " consensus yet, with a tie or both_bad consensus, and of gold items"
                                    + " (which have none) are left out",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    @QueryParam("consensus_only")
                    String consensusOnly,
            @Parameter(
                            description = "true (default): leave out judgments of gold items, which are quality"
                                    + " checks shown to many raters; false: keep them (fairwise records say"
                                    + " `gold`)",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true"))
                    @QueryParam("exclude_gold")
                    String excludeGold,
            @Parameter(
                            description = "Export the answer on this criterion instead of the overall winner"
                                    + " (trl, hh and arena; a fairwise record carries every criterion already);"
                                    + " no margin, as a strength is given for the overall winner only",
                            schema = @Schema(type = SchemaType.STRING))
                    @QueryParam("criterion")
                    String criterion) {
        ExportFormat chosen = ExportFormat.fromQuery(format);
        if (criterion != null && chosen == ExportFormat.FAIRWISE) {
            throw ApiException.invalid(
                    "criterion",
                    "fairwise records carry every criterion in `criteria`; choose trl, hh or arena to export one");
        }
        ExportService.Request request = new ExportService.Request(
                chosen,
                instant("since", since),
                flag("consensus_only", consensusOnly, false),
                flag("exclude_gold", excludeGold, true),
                criterion);
        return Response.ok(exports.export(slug, request), ExportService.MEDIA_TYPE + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + slug + "-" + chosen.wire() + ".jsonl\"")
                .build();
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    name, "must be an ISO-8601 date and time with an offset, such as" + " 2026-11-01T00:00:00Z");
        }
    }

    private static boolean flag(String name, String value, boolean absent) {
        if (value == null) {
            return absent;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, "must be true or false");
        };
    }
}
