package dev.fairwise.ingest;

import java.util.List;

/**
 * A validated completion (README, "Kafka records"; openapi/schemas/completion.v1.json), with plain-string prompts and responses already turned into
 * messages.
 */
public record CompletionRecord(
        String completionId,
        String campaign,
        String promptId,
        List<Message> prompt,
        String model,
        List<Message> response,
        List<String> contentTags,
        String metadataJson) {}
