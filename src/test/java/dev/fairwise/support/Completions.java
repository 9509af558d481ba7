package dev.fairwise.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds completion records in the fairwise.completions.v1 format. */
public final class Completions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Completions() {}

    /** A valid record: one user turn, one assistant turn. */
    public static Map<String, Object> record(String campaign, String promptId, String completionId, String model) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("completion_id", completionId);
        r.put("campaign", campaign);
        r.put("prompt_id", promptId);
        r.put(
                "prompt",
                List.of(
                        Map.of("role", "system", "content", "You are helpful."),
                        Map.of("role", "user", "content", "Question for " + promptId)));
        r.put("model", model);
        r.put("response", List.of(Map.of("role", "assistant", "content", answer(completionId))));
        r.put("content_tags", List.of());
        r.put("metadata", Map.of("temperature", 0.7));
        return r;
    }

    /** The response text of a record made by {@link #record}: unique, and naming neither model nor id. */
    public static String answer(String completionId) {
        return "Answer " + Integer.toHexString(completionId.hashCode());
    }

    /** The record as JSON. */
    public static String json(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The record with one field replaced (or removed, when {@code value} is null). */
    public static Map<String, Object> with(Map<String, Object> record, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(record);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }
}
