package dev.fairwise.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rejects bodies over the configured size with a 413 problem before they are parsed. Bodies without a
 * declared length are bounded by {@code quarkus.http.limits.max-body-size}.
 */
public class BodySizeFilter {
    private final ApiConfig config;

    BodySizeFilter(ApiConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response checkLength(ContainerRequestContext request, ResourceInfo resource) {
        int length = request.getLength();
        if (length < 0) {
            return null;
        }
        boolean large = resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(LargeBody.class);
        long limit = large ? config.maxLargeBodyBytes() : config.maxBodyBytes();
        if (length <= limit) {
            return null;
        }
        return ProblemMappers.response(
                ProblemType.BODY_TOO_LARGE,
                "the body has " + length + " bytes; this endpoint accepts at most " + limit,
                request.getUriInfo().getPath(),
                null);
    }
}
