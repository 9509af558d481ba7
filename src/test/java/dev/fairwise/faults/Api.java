package dev.fairwise.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain HTTP calls to a replica, classified for the {@link Tally}. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    /** A request that has no answer after this long is recorded as unknown. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(90);

    private Api() {}

    /** An answer, or status -1 (refused: nothing was sent) or 0 (unknown: sent, no answer). */
    record Answer(int status, String body, boolean problemJson) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** POSTs a JSON body of {@code size} bytes produced as it is sent, with no length: chunked. */
    static Answer callChunked(String url, String token, long size) {
        byte[] head = "{\"reason\":\"other\",\"note\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
                    private long position;

                    @Override
                    public int read() {
                        if (position >= head.length + size) {
                            return -1;
                        }
                        return position < head.length ? head[(int) position++] : (position++ % 2 == 0 ? 'a' : 'b');
                    }
                }))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        } catch (java.io.IOException e) {
            return new Answer(0, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, e.toString(), false);
        }
    }

    static Answer call(String method, String url, String token, byte[] body, Map<String, String> headers) {
        return call(method, url, token, body, headers, TIMEOUT);
    }

    static Answer call(
            String method, String url, String token, byte[] body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean problem =
                    response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            return new Answer(response.statusCode(), response.body(), problem);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Answer(-1, e.toString(), false);
        } catch (IOException e) {
            return new Answer(refused(e) ? -1 : 0, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, e.toString(), false);
        }
    }

    /** The JDK client wraps a refused connection in a plain IOException on some paths. */
    private static boolean refused(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    static JsonNode send(String method, String url, String token, Object body) {
        try {
            // set-up calls, not measured: a batch of 500 completions may take a while on a cold, busy service
            Answer answer = call(
                    method, url, token, body == null ? null : JSON.writeValueAsBytes(body), Map.of(), SETUP_TIMEOUT);
            if (answer.status() < 200 || answer.status() >= 300) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + answer.status() + ": " + answer.body());
            }
            return answer.body().isEmpty() ? null : answer.json();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An active campaign with {@code prompts} prompts of four completions each (six comparisons a prompt with
     * all_pairs), loaded through the batch endpoint.
     */
    static void campaign(String base, String admin, String slug, int overlap, int prompts) {
        send(
                "POST",
                base + "/api/v1/admin/campaigns",
                admin,
                Map.of(
                        "slug",
                        slug,
                        "title",
                        "Fault suite " + slug,
                        "instructions",
                        "Pick the better answer.",
                        "overlap",
                        overlap,
                        "per_prompt_cap",
                        6));
        send("POST", base + "/api/v1/admin/campaigns/" + slug + "/activate", admin, null);
        List<Object> batch = new ArrayList<>();
        for (int p = 0; p < prompts; p++) {
            for (int m = 0; m < 4; m++) {
                batch.add(Completion.of(slug, p, m));
                if (batch.size() == 500) {
                    send("POST", base + "/api/v1/completions", admin, Map.of("completions", batch));
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            send("POST", base + "/api/v1/completions", admin, Map.of("completions", batch));
        }
    }

    /** A valid completion record for prompt {@code p} and model {@code m} of a campaign. */
    static final class Completion {
        private Completion() {}

        static Map<String, Object> of(String slug, int p, int m) {
            return Map.of(
                    "completion_id", slug + "-p" + p + "-m" + m,
                    "campaign", slug,
                    "prompt_id", slug + "-p" + p,
                    "prompt", "Fault suite prompt " + p + ": which answer is better?",
                    "model", "model-" + m,
                    "response", "Answer from model " + m + " to prompt " + p + ". It explains itself at some length.");
        }
    }
}
