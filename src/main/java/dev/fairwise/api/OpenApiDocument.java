package dev.fairwise.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated OpenAPI document with what holds for every operation, so the contract lists
 * every status the service can send and strict tools accept it:
 *
 * <ul>
 *   <li>the answers any operation can give whatever its own logic: 406 (an {@code Accept} it cannot
 *       satisfy) and 503 (the database is unavailable); with a body also 400 (unreadable JSON), 413 (too
 *       large) and 415 (not JSON); with parameters 400; with a path parameter 404;
 *   <li>patterns anchored: a Bean Validation {@code @Pattern} must match the whole value, while a JSON
 *       Schema {@code pattern} matches anywhere, so {@code [a-z0-9-]+} would accept {@code UPPER-ok}. The
 *       {@code \S} that stands for {@code @NotBlank} is meant as "somewhere" and stays as it is;
 *   <li>a server entry relative to wherever the document is served.
 * </ul>
 */
public class OpenApiDocument implements OASFilter {
    private static final String NOT_BLANK = "\\S";
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("Campaigns (admin)", "Create, change and follow campaigns; their dataset cards (role admin)"),
            Map.entry("Completions (admin)", "Ingest completions over REST, for pipelines without Kafka (role admin)"),
            Map.entry(
                    "Exports (admin)",
                    "A campaign's judgments as JSON Lines for training: fairwise, TRL, HH-RLHF or Chatbot Arena (role admin)"),
            Map.entry("Fair work", "Your figures, consent to sensitive content, time zone and credit (role rater)"),
            Map.entry(
                    "Flags (admin)", "Read the flags raters raise on a campaign's items and answer them (role admin)"),
            Map.entry(
                    "Quality",
                    "A rater's own quality figures and the reviews of their work, which they can answer (role rater)"),
            Map.entry(
                    "Quality (admin)",
                    "Gold items, agreement and per-rater quality figures, and reviews of a rater's work (role admin)"),
            Map.entry("Outbox (admin)", "Outbox rows the broker refused: list them and send them again (role admin)"),
            Map.entry("Pay", "Your pay statement: entries, top-ups to the floor, effective hourly pay (role rater)"),
            Map.entry("Pay (admin)", "Raters' statements, campaign pay reports and transparency reports (role admin)"),
            Map.entry("Rating", "Lease comparisons and judge them (role rater)"),
            Map.entry(
                    "Reviews",
                    "Reviews of your work: the evidence, every decision with its reason, and your replies (role rater)"),
            Map.entry(
                    "Reviews (admin)",
                    "Read the reviews raised on raters' work, decide them with a reason, reverse a decision (role admin)"),
            Map.entry("Voice", "Flag an item you were given and read the answers (role rater)"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setServers(List.of(OASFactory.createServer().url("/").description("This Fairwise instance")));
        if (openAPI.getTags() != null) {
            openAPI.getTags()
                    .forEach(tag -> tag.setDescription(TAGS.getOrDefault(tag.getName(), tag.getDescription())));
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : path.getOperations().values()) {
                    addCommonResponses(operation, path);
                }
            }
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(OpenApiDocument::anchorPatterns);
        }
    }

    private static void addCommonResponses(Operation operation, PathItem path) {
        APIResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = new ArrayList<>();
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        if (path.getParameters() != null) {
            parameters.addAll(path.getParameters());
        }
        if (body || !parameters.isEmpty()) {
            add(responses, "400", "The request is not valid");
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            add(responses, "404", "No such resource, or not yours");
        }
        if (body) {
            add(responses, "413", "The request body is too large");
            add(responses, "415", "The request body is not application/json");
        }
        add(responses, "406", "The Accept header asks for a media type this operation does not produce");
        add(responses, "503", "A service Fairwise depends on is unavailable; retry later");
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(
                status,
                OASFactory.createAPIResponse()
                        .description(description)
                        .content(OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref("Problem")))));
    }

    private static void anchorPatterns(Schema schema) {
        if (schema == null) {
            return;
        }
        String pattern = schema.getPattern();
        if (pattern != null && !pattern.equals(NOT_BLANK) && !pattern.startsWith("^")) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
        List<Schema> nested = new ArrayList<>();
        if (schema.getProperties() != null) {
            nested.addAll(schema.getProperties().values());
        }
        nested.add(schema.getItems());
        if (schema.getAllOf() != null) {
            nested.addAll(schema.getAllOf());
        }
        if (schema.getAnyOf() != null) {
            nested.addAll(schema.getAnyOf());
        }
        if (schema.getOneOf() != null) {
            nested.addAll(schema.getOneOf());
        }
        nested.forEach(OpenApiDocument::anchorPatterns);
    }
}
