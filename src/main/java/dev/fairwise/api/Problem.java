package dev.fairwise.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details document: the one shape of every error Fairwise answers.
 *
 * @param type stable URI naming the kind of problem; clients branch on it
 * @param title short summary of the kind, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what went wrong this time, for a person
 * @param instance the request path
 * @param errors the offending fields, for validation problems
 * @param figures the numbers behind the problem, where there are some (e.g. estimated pay against the floor)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,

        @Schema(description = "The numbers behind the problem, e.g. a campaign's estimated hourly pay and the floor")
        java.util.Map<String, Object> figures) {

    public Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    /** Media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field of a request.
     *
     * @param field JSON path of the field, e.g. {@code criteria[1].name}
     * @param message what is wrong with it
     */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {}
}
