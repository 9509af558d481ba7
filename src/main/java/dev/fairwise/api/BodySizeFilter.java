package dev.fairwise.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds every endpoint's body limit ({@link ApiConfig}), whatever the client declares. A body whose
 * Content-Length is over the limit is refused before a byte is read; any other body (chunked, or of
 * unknown length) is read here, counting, and refused with 413 problem+json as soon as it passes the
 * limit. The rest of it is never buffered: it is read and dropped for at most {@link #LINGER_MILLIS} ms so the
 * client, still sending, can read the answer (as a browser or {@code java.net.http} does), and then the
 * connection is closed. A body within the limit is handed to the endpoint as it was read, so at most one
 * limit's worth of bytes per request is held.
 */
public class BodySizeFilter {
    /** How long the rest of a refused body is read and dropped before the connection is closed. */
    static final long LINGER_MILLIS = 5_000;

    private final ApiConfig config;
    private final Vertx vertx;

    BodySizeFilter(ApiConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    @ServerRequestFilter
    public Uni<Response> limitBody(ContainerRequestContext context, ResourceInfo resource, HttpServerRequest request) {
        String method = context.getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return Uni.createFrom().nullItem();
        }
        boolean large = resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(LargeBody.class);
        long limit = large ? config.maxLargeBodyBytes() : config.maxBodyBytes();
        String path = context.getUriInfo().getPath();
        int declared = context.getLength();
        if (declared > limit) {
            return Uni.createFrom().item(refuse(request, "the body has " + declared + " bytes", limit, path));
        }
        if (declared == 0 || request.isEnded() && declared < 0) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer(declared > 0 ? declared : 4096);
            boolean[] refused = {false};
            request.handler(chunk -> {
                if (refused[0]) {
                    return;
                }
                if (body.length() + chunk.length() > limit) {
                    refused[0] = true;
                    emitter.complete(refuse(request, "the body passed " + limit + " bytes", limit, path));
                    return;
                }
                body.appendBuffer(chunk);
            });
            request.exceptionHandler(e -> {
                if (!refused[0]) {
                    refused[0] = true;
                    emitter.fail(e);
                }
            });
            request.endHandler(ended -> {
                if (!refused[0]) {
                    context.setEntityStream(new ByteArrayInputStream(body.getBytes()));
                    emitter.complete(null);
                }
            });
            request.resume();
        });
    }

    /** Answers 413; drops whatever of the body still arrives, and closes the connection if it goes on. */
    private Response refuse(HttpServerRequest request, String what, long limit, String path) {
        if (!request.isEnded()) {
            request.handler(dropped -> {});
            long timer = vertx.setTimer(LINGER_MILLIS, id -> {
                if (!request.isEnded()) {
                    request.connection().close();
                }
            });
            request.endHandler(ended -> vertx.cancelTimer(timer));
            request.resume();
        }
        return ProblemMappers.response(
                ProblemType.BODY_TOO_LARGE, what + "; this endpoint accepts at most " + limit, path, null);
    }
}
