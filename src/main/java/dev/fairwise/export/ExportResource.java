package dev.fairwise.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.JsonConfig;
import dev.fairwise.api.Problem;
import dev.fairwise.api.Roles;
import dev.fairwise.rater.Pseudonyms;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * A campaign's judgments as JSON Lines, streamed: the judgments are read in keyset pages and each page is
 * written before the next is read, so memory stays flat whatever the campaign's size.
 */
@Path("/api/v1/admin/campaigns/{slug}/export")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Exports (admin)")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "Not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ExportResource {
    static final String JSONL = "application/jsonl";
    private static final Logger LOG = Logger.getLogger(ExportResource.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final ExportStore store;
    private final Pseudonyms pseudonyms;
    /** Written as the preferences topic's records are, so a fairwise line is that record byte for byte. */
    private final ObjectMapper json = JsonConfig.configure(new ObjectMapper());

    /** Judgments per keyset page: large enough for speed, small enough that a page's texts stay modest. */
    private final int page;

    {
        json.findAndRegisterModules();
        json.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    ExportResource(
            ExportStore store,
            Pseudonyms pseudonyms,
            @ConfigProperty(name = "fairwise.export.page-size", defaultValue = "1000") int page) {
        this.store = store;
        this.pseudonyms = pseudonyms;
        this.page = page;
    }

    @GET
    @Blocking
    @Produces({JSONL, Problem.MEDIA_TYPE})
    @Operation(
            operationId = "exportCampaign",
            summary = "Stream a campaign's judgments as JSON Lines, oldest first, in a training format",
            description = "One JSON object per line, ordered by the time of the judgment. Formats:"
                    + " `fairwise`: the preference record as on fairwise.preferences.v1"
                    + " (openapi/schemas/preference.v1.json), every judgment."
                    + " `trl`: TRL's explicit-prompt conversational preference rows (prompt, chosen, rejected, and"
                    + " margin when a strength was given; openapi/schemas/export-trl.v1.json); decisive verdicts"
                    + " only, since TRL's preference rows have a chosen and a rejected response."
                    + " `hh`: Anthropic HH-RLHF rows (chosen and rejected as single strings of"
                    + " `\\n\\nHuman: …` and `\\n\\nAssistant: …` turns; openapi/schemas/export-hh.v1.json). HH"
                    + " cannot express a tie, so judgments answered tie or both_bad are left out; it has only"
                    + " Human and Assistant turns, so system turns are left out."
                    + " `arena`: Chatbot Arena battle records as FastChat's battle cleaning writes them"
                    + " (model_a, model_b, winner as model_a, model_b, tie or `tie (bothbad)`, judge as the"
                    + " rater's pseudonym, turn, anony, tstamp, conversation_a and conversation_b;"
                    + " openapi/schemas/export-arena.v1.json)."
                    + " Raters appear only as their pseudonyms. If the database fails part-way, the stream ends"
                    + " early: count the lines against the campaign's progress.")
    @APIResponse(
            responseCode = "200",
            description = "The rows, streamed",
            headers =
                    @org.eclipse.microprofile.openapi.annotations.headers.Header(
                            name = "Content-Disposition",
                            description = "attachment; filename=\"<slug>-<format>.jsonl\"",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = JSONL))
    @APIResponse(
            responseCode = "400",
            description = "Unknown format, a bad since, or a criterion the campaign does not ask",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such campaign",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(
            @PathParam("slug") String slug,
            @QueryParam("format")
                    @Parameter(
                            required = true,
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"fairwise", "trl", "hh", "arena"}))
                    String format,
            @QueryParam("since")
                    @Parameter(
                            description = "Only judgments made at or after this instant (ISO-8601, e.g."
                                    + " 2026-11-01T00:00:00Z)",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    String since,
            @QueryParam("consensus_only")
                    @Parameter(
                            description = "Only judgments whose winner agrees with their comparison's decisive"
                                    + " consensus (a or b, not split); comparisons without a consensus yet are"
                                    + " left out. Default false",
                            schema = @Schema(type = SchemaType.BOOLEAN))
                    String consensusOnly,
            @QueryParam("exclude_gold")
                    @Parameter(
                            description = "Leave out judgments of gold items (whose verdict was known beforehand)."
                                    + " Default true",
                            schema = @Schema(type = SchemaType.BOOLEAN))
                    String excludeGold,
            @QueryParam("criterion")
                    @Parameter(
                            description = "Use the answer to this criterion as the verdict instead of the overall"
                                    + " winner (trl then has no margin). With format fairwise: only the"
                                    + " records that answered it, unchanged",
                            schema = @Schema(type = SchemaType.STRING))
                    String criterion) {
        ExportFormat f = format == null ? null : ExportFormat.fromWire(format);
        if (f == null) {
            throw ApiException.invalid("format", "must be one of fairwise, trl, hh, arena");
        }
        Instant from = instant(since);
        boolean consensus = flag("consensus_only", consensusOnly, false);
        boolean noGold = flag("exclude_gold", excludeGold, true);
        ExportStore.Campaign campaign = store.campaign(slug).await().atMost(READ_TIMEOUT);
        if (campaign == null) {
            throw ApiException.notFound("no campaign '" + slug + "'");
        }
        if (criterion != null && !campaign.criteria().contains(criterion)) {
            throw ApiException.invalid(
                    "criterion",
                    campaign.criteria().isEmpty()
                            ? "this campaign asks no criteria"
                            : "must be one of " + String.join(", ", campaign.criteria()));
        }
        StreamingOutput body = out -> write(out, f, campaign, from, consensus, noGold, criterion);
        return Response.ok(body, JSONL)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + campaign.slug() + "-" + f.wire() + ".jsonl\"")
                .build();
    }

    private void write(
            OutputStream out,
            ExportFormat format,
            ExportStore.Campaign campaign,
            Instant since,
            boolean consensusOnly,
            boolean excludeGold,
            String criterion)
            throws java.io.IOException {
        ExportStore.Cursor after = ExportStore.Cursor.START;
        long written = 0;
        try {
            while (true) {
                List<ExportStore.Judged> rows = store.page(
                                campaign.id(), since, after, page, excludeGold, consensusOnly)
                        .await()
                        .atMost(READ_TIMEOUT);
                for (ExportStore.Judged j : rows) {
                    String pseudonym = pseudonyms.of(j.rater(), campaign.slug(), campaign.perCampaignPseudonyms());
                    byte[] line = ExportLines.line(json, format, campaign.slug(), j, pseudonym, criterion);
                    if (line != null) {
                        out.write(line);
                        out.write('\n');
                        written++;
                    }
                }
                out.flush();
                if (rows.size() < page) {
                    return;
                }
                ExportStore.Judged last = rows.get(rows.size() - 1);
                after = new ExportStore.Cursor(last.createdAt(), last.id());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "export of %s as %s ended after %d rows", campaign.slug(), format.wire(), written);
            throw new java.io.IOException("the export ended early", e);
        }
    }

    private static Instant instant(String since) {
        if (since == null || since.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("since", "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    private static boolean flag(String name, String value, boolean absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, "must be true or false");
        };
    }
}
