package dev.fairwise.ingest;

import static dev.fairwise.ingest.RejectedCompletion.Reason.INVALID_ENCODING;
import static dev.fairwise.ingest.RejectedCompletion.Reason.INVALID_FIELD;
import static dev.fairwise.ingest.RejectedCompletion.Reason.MALFORMED_JSON;
import static dev.fairwise.ingest.RejectedCompletion.Reason.MISSING_FIELD;
import static dev.fairwise.ingest.RejectedCompletion.Reason.TOO_LARGE;
import static dev.fairwise.ingest.RejectedCompletion.Reason.UNKNOWN_FIELD;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.api.JsonConfig;
import dev.fairwise.kafka.TopicsConfig;
import dev.fairwise.rater.RaterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a completion record strictly: every rule of the completion contract plus the configured size limits. */
@ApplicationScoped
public class CompletionParser {
    private static final Set<String> FIELDS =
            Set.of("completion_id", "campaign", "prompt_id", "prompt", "model", "response", "content_tags", "metadata");
    private static final Set<String> PROMPT_ROLES = Set.of("system", "user", "assistant");
    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final int MAX_ID_CHARS = 200;
    private static final int MAX_TAGS = 20;

    /**
     * Bytes a preference record may need besides its prompt and responses, apart from the rationale:
     * ids, model names, criteria, content tags, field names, the record's key and headers and Kafka's batch
     * framing. Each of those is bounded by a validation rule; together they stay well under this.
     */
    static final int FIXED_RECORD_ALLOWANCE_BYTES = 16 * 1024;

    /** A character of the rationale takes at most this many bytes in JSON (a control character's escape). */
    private static final int MAX_JSON_BYTES_PER_CHAR = 6;

    private final IngestConfig config;
    private final int maxPreferenceBytes;
    private final ObjectMapper json = JsonConfig.configure(new ObjectMapper());

    CompletionParser(IngestConfig config, TopicsConfig topics, RaterConfig raters) {
        this.config = config;
        this.maxPreferenceBytes = topics.maxMessageBytes()
                - FIXED_RECORD_ALLOWANCE_BYTES
                - MAX_JSON_BYTES_PER_CHAR * raters.maxRationaleChars();
    }

    /** Parses raw bytes from Kafka, which must be UTF-8 JSON. */
    public CompletionRecord parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new RejectedCompletion(MALFORMED_JSON, "the record has no value");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RejectedCompletion(INVALID_ENCODING, "the value is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RejectedCompletion(MALFORMED_JSON, "the value is not well-formed JSON");
        }
        return parse(node);
    }

    /** Validates one record given as a JSON tree (REST batch or Kafka). */
    public CompletionRecord parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RejectedCompletion(MALFORMED_JSON, "the record must be a JSON object");
        }
        if (containsNul(node)) {
            // PostgreSQL text cannot hold NUL; say so here rather than fail at the insert.
            throw new RejectedCompletion(INVALID_FIELD, "the record contains a NUL character");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RejectedCompletion(UNKNOWN_FIELD, "unknown field '" + name + "'");
            }
        }
        String completionId = id(node, "completion_id");
        String campaign = id(node, "campaign");
        String promptId = id(node, "prompt_id");
        String model = id(node, "model");
        List<Message> prompt = messages(node, "prompt", "user");
        checkPrompt(prompt);
        List<Message> response = messages(node, "response", "assistant");
        for (Message m : response) {
            if (!m.role().equals("assistant")) {
                throw new RejectedCompletion(INVALID_FIELD, "response: every message must have role 'assistant'");
            }
        }
        checkSize("prompt", prompt, config.maxPromptChars());
        checkSize("response", response, config.maxResponseChars());
        checkPreferenceFits(prompt, response);
        return new CompletionRecord(
                completionId, campaign, promptId, prompt, model, response, tags(node), metadata(node));
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') >= 0;
        }
        for (Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().indexOf('\u0000') >= 0 || containsNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The canonical JSON of a message list: what is stored and hashed. */
    public String toJson(List<Message> messages) {
        try {
            return json.writeValueAsString(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("messages cannot be written as JSON", e);
        }
    }

    private static String id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new RejectedCompletion(MISSING_FIELD, "'" + field + "' is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new RejectedCompletion(INVALID_FIELD, "'" + field + "' must be a non-blank string");
        }
        String text = value.asText();
        if (text.length() > MAX_ID_CHARS) {
            throw new RejectedCompletion(
                    INVALID_FIELD, "'" + field + "' is longer than " + MAX_ID_CHARS + " characters");
        }
        return text;
    }

    /** A plain string is shorthand for one turn with {@code stringRole}. */
    private List<Message> messages(JsonNode node, String field, String stringRole) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new RejectedCompletion(MISSING_FIELD, "'" + field + "' is required");
        }
        if (value.isTextual()) {
            if (value.asText().isBlank()) {
                throw new RejectedCompletion(INVALID_FIELD, "'" + field + "' must not be blank");
            }
            return List.of(new Message(stringRole, value.asText()));
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new RejectedCompletion(
                    INVALID_FIELD, "'" + field + "' must be a string or a non-empty array of messages");
        }
        if (value.size() > config.maxMessages()) {
            throw new RejectedCompletion(
                    TOO_LARGE, "'" + field + "' has more than " + config.maxMessages() + " messages");
        }
        List<Message> messages = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode m = value.get(i);
            String where = field + "[" + i + "]";
            if (!m.isObject() || m.size() != 2 || !m.has("role") || !m.has("content")) {
                throw new RejectedCompletion(
                        INVALID_FIELD, where + " must be an object with exactly 'role' and 'content'");
            }
            if (!m.get("role").isTextual()
                    || !PROMPT_ROLES.contains(m.get("role").asText())) {
                throw new RejectedCompletion(INVALID_FIELD, where + ".role must be one of system, user, assistant");
            }
            if (!m.get("content").isTextual()) {
                throw new RejectedCompletion(INVALID_FIELD, where + ".content must be a string");
            }
            if (m.get("content").asText().isBlank()) {
                throw new RejectedCompletion(INVALID_FIELD, where + ".content must not be blank");
            }
            messages.add(new Message(m.get("role").asText(), m.get("content").asText()));
        }
        return List.copyOf(messages);
    }

    /** An optional system turn first, then user and assistant turns alternating, ending with the user. */
    private static void checkPrompt(List<Message> prompt) {
        int start = prompt.get(0).role().equals("system") ? 1 : 0;
        if (start == prompt.size()) {
            throw new RejectedCompletion(INVALID_FIELD, "prompt must contain a user turn");
        }
        for (int i = start; i < prompt.size(); i++) {
            String expected = (i - start) % 2 == 0 ? "user" : "assistant";
            if (!prompt.get(i).role().equals(expected)) {
                throw new RejectedCompletion(
                        INVALID_FIELD,
                        "prompt[" + i + "].role must be '" + expected
                                + "': turns alternate user/assistant after an optional leading system turn");
            }
        }
        if (!prompt.get(prompt.size() - 1).role().equals("user")) {
            throw new RejectedCompletion(INVALID_FIELD, "prompt must end with a user turn");
        }
    }

    /**
     * A preference record holds the prompt once and each response twice (as completion_a/b and as
     * chosen/rejected). If every completion satisfies prompt + 4 x response + allowance <= limit, any two of
     * one prompt do: adding the inequalities of both and halving gives prompt + 2 x (a + b) + allowance <=
     * limit. So a completion that passes here can never make a record the broker refuses.
     */
    private void checkPreferenceFits(List<Message> prompt, List<Message> response) {
        long bytes = jsonBytes(prompt) + 4L * jsonBytes(response);
        if (bytes > maxPreferenceBytes) {
            throw new RejectedCompletion(
                    TOO_LARGE,
                    "prompt and response are too large for a preference record: the prompt's JSON bytes plus four"
                            + " times the response's are " + bytes + "; at most " + Math.max(0, maxPreferenceBytes)
                            + " (fairwise.topics.max-message-bytes less room for the other fields)");
        }
    }

    private long jsonBytes(List<Message> messages) {
        try {
            return json.writeValueAsBytes(messages).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("messages cannot be written as JSON", e);
        }
    }

    private static void checkSize(String field, List<Message> messages, int maxChars) {
        long chars = messages.stream().mapToLong(m -> m.content().length()).sum();
        if (chars > maxChars) {
            throw new RejectedCompletion(
                    TOO_LARGE, "'" + field + "' has " + chars + " characters; at most " + maxChars);
        }
    }

    private static List<String> tags(JsonNode node) {
        JsonNode value = node.get("content_tags");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_TAGS) {
            throw new RejectedCompletion(
                    INVALID_FIELD, "'content_tags' must be an array of at most " + MAX_TAGS + " tags");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual() || !TAG.matcher(tag.asText()).matches()) {
                throw new RejectedCompletion(
                        INVALID_FIELD, "content_tags: each tag must be 1-40 lower-case letters, digits or _");
            }
            if (!tags.contains(tag.asText())) {
                tags.add(tag.asText());
            }
        }
        return List.copyOf(tags);
    }

    private String metadata(JsonNode node) {
        JsonNode value = node.get("metadata");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new RejectedCompletion(INVALID_FIELD, "'metadata' must be an object");
        }
        String text = value.toString();
        if (text.getBytes(StandardCharsets.UTF_8).length > config.maxMetadataBytes()) {
            throw new RejectedCompletion(
                    TOO_LARGE, "'metadata' is larger than " + config.maxMetadataBytes() + " bytes");
        }
        return text;
    }
}
