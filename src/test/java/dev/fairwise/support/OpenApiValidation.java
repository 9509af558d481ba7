package dev.fairwise.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import java.nio.file.Path;

/**
 * Validates every response the test suite receives through REST Assured against the committed contract,
 * {@code openapi/openapi.yaml}: a status the document does not list for the operation, a body that does
 * not match its schema (a null where a string is promised, an undocumented field) fails the test that got
 * it. Requests are not validated: many tests send invalid requests on purpose. Calls to paths the document
 * does not describe (health, metrics, unknown paths) are not checked.
 */
public class OpenApiValidation implements QuarkusTestBeforeEachCallback {
    private static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(Path.of("openapi", "openapi.yaml")
                            .toAbsolutePath()
                            .toUri()
                            .toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response", ValidationReport.Level.ERROR)
                            // an export with no rows is an empty JSON Lines document, which the validator
                            // takes for a missing body; a JSON endpoint's missing body fails the test reading it
                            .withLevel("validation.response.body.missing", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    /** Adds the filter to REST Assured's global filters once. */
    public static synchronized void install() {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }
}
