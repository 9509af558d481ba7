package dev.fairwise.api;

import java.util.List;

/**
 * A domain failure that maps to one problem type. Domain packages throw it (or a subclass) and
 * {@link ProblemMappers} turns it into problem+json; nothing else needs to know about HTTP.
 */
public class ApiException extends RuntimeException {
    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private java.util.Map<String, Object> figures;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ApiException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public java.util.Map<String, Object> figures() {
        return figures;
    }

    /** Adds the numbers behind the problem, answered as the {@code figures} member. */
    public ApiException withFigures(java.util.Map<String, Object> figures) {
        this.figures = figures;
        return this;
    }

    /** A single-field validation failure. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(
                ProblemType.VALIDATION, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }
}
