package dev.fairwise.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses, before any other handler, a request whose declared Content-Length is over the largest body any
 * endpoint accepts ({@link ApiConfig#maxLargeBodyBytes()}, which {@code quarkus.http.limits.max-body-size}
 * matches): 413 problem+json, like every other error, and the body is dropped unread for a few seconds so a
 * client still sending can read the answer, then the connection is closed. Per-endpoint limits and bodies
 * of unknown length are the work of {@link BodySizeFilter}.
 */
@ApplicationScoped
public class GlobalBodyLimit {
    private final ApiConfig config;
    private final ObjectMapper json;

    GlobalBodyLimit(ApiConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router, Vertx vertx) {
        // Quarkus's own check of max-body-size runs at order -2 and closes the connection at once
        router.route().order(-3).handler(context -> {
            HttpServerRequest request = context.request();
            String length = request.getHeader("Content-Length");
            long limit = config.maxLargeBodyBytes();
            long declared = parse(length);
            if (declared <= limit) {
                context.next();
                return;
            }
            String detail = "the body has " + declared + " bytes; no endpoint accepts more than " + limit;
            Problem problem = new Problem(
                    ProblemType.BODY_TOO_LARGE.uri(),
                    ProblemType.BODY_TOO_LARGE.title(),
                    413,
                    detail,
                    request.path(),
                    null);
            request.handler(dropped -> {});
            long timer = vertx.setTimer(BodySizeFilter.LINGER_MILLIS, id -> {
                if (!request.isEnded()) {
                    request.connection().close();
                }
            });
            request.endHandler(ended -> vertx.cancelTimer(timer));
            context.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(write(problem));
        });
    }

    private static long parse(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1; // Vert.x answers a malformed Content-Length itself
        }
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always writable", e);
        }
    }
}
