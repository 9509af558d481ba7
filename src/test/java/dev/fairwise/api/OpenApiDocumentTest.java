package dev.fairwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed contract is one a strict validator can hold the service to: schemas are really checked
 * (so the suite-wide response validation of {@code support/OpenApiValidation} is not vacuous), every status
 * the service can send is listed, and patterns mean what the service enforces.
 */
class OpenApiDocumentTest {
    private static final String DOCUMENT =
            Path.of("openapi", "openapi.yaml").toAbsolutePath().toUri().toString();
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForSpecificationUrl(DOCUMENT).build();
    private static final String JUDGMENT = "/api/v1/assignments/7d3c1a2e-0b8f-4c3e-9a51-2f6e8d4b1c90/judgment";

    @Test
    void aJudgmentWithANullStrengthIsValidButANumberIsNot() {
        assertThat(judgmentResponse(201, "{\"strength\": null, \"rationale\": null}")
                        .getMessages())
                .isEmpty();
        assertThat(judgmentResponse(201, "{\"strength\": 7}").getMessages())
                .anySatisfy(m -> assertThat(m.getMessage()).contains("/strength"));
    }

    @Test
    void aFieldTheDocumentDoesNotDescribeIsAViolation() {
        assertThat(judgmentResponse(201, "{\"model\": \"policy-sft-v3\"}").hasErrors())
                .isTrue();
    }

    @Test
    void aStatusTheOperationDoesNotListIsAViolation() {
        assertThat(judgmentResponse(418, "{}").getMessages())
                .anySatisfy(m -> assertThat(m.getKey()).isEqualTo("validation.response.status.unknown"));
    }

    @Test
    void everyOperationListsTheAnswersAnyRequestCanGet() {
        OpenAPI api = new OpenAPIV3Parser().read(DOCUMENT);
        assertThat(api.getServers()).isNotEmpty();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    assertThat(operation.getResponses()).as(method + " " + path).containsKeys("406", "503");
                    if (operation.getRequestBody() != null) {
                        assertThat(operation.getResponses())
                                .as(method + " " + path)
                                .containsKeys("400", "413", "415");
                    }
                    if (path.contains("{")) {
                        assertThat(operation.getResponses())
                                .as(method + " " + path)
                                .containsKey("404");
                    }
                }));
    }

    @Test
    void patternsMatchWholeValuesAsTheServiceDoes() {
        ValidationReport upper = createCampaign("UPPER-ok");
        assertThat(upper.getMessages())
                .anySatisfy(m -> assertThat(m.getMessage()).contains("/slug"));
        assertThat(createCampaign("lower-ok").getMessages()).isEmpty();
    }

    private static ValidationReport judgmentResponse(int status, String body) {
        return VALIDATOR.validateResponse(
                JUDGMENT,
                Request.Method.POST,
                SimpleResponse.Builder.status(status)
                        .withContentType("application/json")
                        .withBody(body)
                        .build());
    }

    private static ValidationReport createCampaign(String slug) {
        return VALIDATOR.validateRequest(SimpleRequest.Builder.post("/api/v1/admin/campaigns")
                .withContentType("application/json")
                .withHeader("Authorization", "Bearer x")
                .withBody("{\"slug\": \"" + slug + "\", \"title\": \"T\", \"instructions\": \"I\"}")
                .build());
    }
}
