package dev.fairwise.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.fairwise.db.Db;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure that reaches the REST layer into problem+json. Details name fields and values the
 * client sent, never classes or stack traces; unexpected failures are logged here and answered generically.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Builds a problem response; also used by request filters that abort early. */
    public static Response response(ProblemType type, String detail, String path, List<Problem.FieldError> errors) {
        return response(type, detail, path, errors, null);
    }

    private static Response response(
            ProblemType type,
            String detail,
            String path,
            List<Problem.FieldError> errors,
            java.util.Map<String, Object> figures) {
        Response.ResponseBuilder builder = Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(
                        type.uri(), type.title(), type.status().getStatusCode(), detail, path, errors, figures));
        if (type == ProblemType.UNAUTHENTICATED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response response = response(e.type(), e.getMessage(), path(uri), e.errors(), e.figures());
        if (e instanceof dev.fairwise.rater.RateLimitedException limited) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.RETRY_AFTER, limited.retryAfterSeconds())
                    .build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return response(ProblemType.VALIDATION, detail, path(uri), errors);
    }

    /** Quarkus maps this subtype itself; claiming it here keeps the problem+json shape. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String field = jsonPath(invalid);
            String allowed = java.util.Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString)
                    .map(name -> name.toLowerCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining(", "));
            return response(
                    ProblemType.VALIDATION,
                    field + ": must be one of " + allowed,
                    path(uri),
                    List.of(new Problem.FieldError(field, "must be one of " + allowed)));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = jsonPath(unknown);
            return response(
                    ProblemType.VALIDATION,
                    "unknown field '" + unknown.getPropertyName() + "'",
                    path(uri),
                    List.of(new Problem.FieldError(field, "unknown field")));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            return response(
                    ProblemType.MALFORMED_JSON,
                    "field '" + field + "' has the wrong type or format",
                    path(uri),
                    List.of(new Problem.FieldError(field, "wrong type or format")));
        }
        return response(ProblemType.MALFORMED_JSON, "the body is not well-formed JSON", path(uri), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return response(ProblemType.UNAUTHENTICATED, "missing bearer token", path(uri), null);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return response(ProblemType.UNAUTHENTICATED, "the bearer token is invalid or expired", path(uri), null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return response(ProblemType.FORBIDDEN, "your roles do not allow this operation", path(uri), null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        ProblemType type;
        String detail;
        if (e instanceof NotFoundException) {
            type = ProblemType.NOT_FOUND;
            detail = "no resource at this path";
        } else if (e instanceof NotAllowedException) {
            type = ProblemType.METHOD_NOT_ALLOWED;
            detail = "method not allowed here";
        } else if (e instanceof NotSupportedException) {
            type = ProblemType.UNSUPPORTED_MEDIA_TYPE;
            detail = "send application/json";
        } else if (e instanceof NotAcceptableException) {
            type = ProblemType.NOT_ACCEPTABLE;
            detail = "this resource produces application/json";
        } else if (e.getResponse().getStatus() == 413) {
            type = ProblemType.BODY_TOO_LARGE;
            detail = "the request body is too large";
        } else if (e.getResponse().getStatus() < 500) {
            type = ProblemType.MALFORMED_JSON;
            detail = "the request could not be read";
        } else {
            return unexpected(e, uri);
        }
        Response response = response(type, detail, path(uri), null);
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                    .build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Db.isDataException(e)) {
            // A value the database cannot store (a NUL character, an invalid byte sequence): the client's input.
            return response(
                    ProblemType.VALIDATION,
                    "the request holds a value that cannot be stored (such as a NUL character)",
                    path(uri),
                    null);
        }
        if (Db.isUnavailable(e)) {
            LOG.warnf("dependency unavailable on %s: %s", path(uri), e.toString());
            return response(ProblemType.UNAVAILABLE, "the database is unavailable; retry later", path(uri), null);
        }
        LOG.errorf(e, "unexpected failure on %s", path(uri));
        return response(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged", path(uri), null);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    private static String fieldPath(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getIndex() != null && !sb.isEmpty()) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(snakeCase(node.getName()));
            }
        }
        if (sb.isEmpty()) {
            // A constraint on a parameter itself: a query, path or header parameter is named; a missing body
            // (the only parameter that can be null here) is the document's root, "$".
            return parameter != null && v.getInvalidValue() != null ? snakeCase(parameter) : "$";
        }
        return sb.toString();
    }

    /** Java names to the snake_case of the JSON the client sent. */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
